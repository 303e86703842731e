import type { UiKey } from '../../../shared/messages.ts';
import { t, tf } from '../i18n.ts';
import type { OpeningHours, TimeRange } from './types.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const weekdayKeys: Record<(typeof WEEKDAYS)[number], UiKey> = {
  1: 'weekday1',
  2: 'weekday2',
  3: 'weekday3',
  4: 'weekday4',
  5: 'weekday5',
  6: 'weekday6',
  7: 'weekday7',
};

function ranges(list: TimeRange[] | undefined | null): string {
  return list && list.length > 0 ? list.map((r) => `${r.start}–${r.end}`).join(', ') : t('closed');
}

export function WeekHours({ hours }: { hours: OpeningHours }) {
  return (
    <>
      <table className="data week">
        <caption className="sr-only">{t('hoursHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colDay')}</th>
            <th scope="col">{t('colHours')}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((d) => (
            <tr key={d}>
              <th scope="row">{t(weekdayKeys[d])}</th>
              <td>{ranges(hours.weekly[d])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="notes">
        {hours.closedOnPublicHolidays ? <li>{t('closedOnHolidays')}</li> : <li>{t('openOnHolidays')}</li>}
        {hours.closedOnEves && <li>{t('closedOnEves')}</li>}
        {hours.dayBeforeHoliday && <li>{tf('dayBeforeHoliday', { ranges: ranges(hours.dayBeforeHoliday) })}</li>}
      </ul>
      <h4>{t('exceptionsHeading')}</h4>
      {hours.exceptions.length === 0 ? (
        <p>{t('noExceptions')}</p>
      ) : (
        <ul className="notes">
          {hours.exceptions.map((x) => (
            <li key={x.date}>
              <time dateTime={x.date}>{x.date}</time>: {ranges(x.ranges)}
              {x.note ? ` (${x.note})` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
