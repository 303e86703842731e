import { t, tf } from '../i18n.ts';
import { formatHours, periodDays, uncoveredHours } from './coverage-grid.ts';
import { dayLabel, isoWeekday } from './time.ts';
import type { Coverage, Municipality } from './types.ts';

interface Props {
  municipalities: Municipality[];
  coverage: Coverage;
  caption: string;
}

/** Municipalities × days; every cell says in text (not only colour) whether the day is covered. */
export function CoverageHeatMap({ municipalities, coverage, caption }: Props) {
  const days = periodDays(coverage.from, coverage.days);
  const hours = uncoveredHours(coverage.gaps, days);
  return (
    <>
      <ul className="legend">
        <li>
          <span className="cell-ok legend-swatch" aria-hidden="true">
            ✓
          </span>{' '}
          {t('legendCovered')}
        </li>
        <li>
          <span className="cell-gap legend-swatch" aria-hidden="true">
            3
          </span>{' '}
          {t('legendGap')}
        </li>
      </ul>
      <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: caption })} tabIndex={0}>
        <table className="heatmap">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colMunicipality')}</th>
              {days.map((d) => {
                const [weekday = '', day = '', month = ''] = dayLabel(d).split(' ');
                return (
                  <th scope="col" key={d} className={isoWeekday(d) >= 6 ? 'weekend' : undefined}>
                    <abbr title={d}>
                      <span className="wd">{weekday}</span> {day}
                      {day === '1' || d === coverage.from ? <span className="mon"> {month}</span> : null}
                    </abbr>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => {
              const row = hours.get(m.code);
              return (
                <tr key={m.code}>
                  <th scope="row">{m.name}</th>
                  {days.map((d, i) => {
                    const h = row?.[i] ?? 0;
                    return h > 0 ? (
                      <td key={d} className="cell-gap" title={`${m.name} ${d}: ${tf('hoursUncovered', { n: formatHours(h) })}`}>
                        <span aria-hidden="true">{formatHours(h)}</span>
                        <span className="sr-only">{tf('hoursUncovered', { n: formatHours(h) })}</span>
                      </td>
                    ) : (
                      <td key={d} className="cell-ok">
                        <span aria-hidden="true">✓</span>
                        <span className="sr-only">{t('covered')}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
