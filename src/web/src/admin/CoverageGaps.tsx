import { t } from '../i18n.ts';
import { formatInstant } from './time.ts';
import type { CoverageGap } from './types.ts';

export function CoverageGaps({ gaps }: { gaps: CoverageGap[] }) {
  return (
    <section aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">{t('gapsHeading')}</h2>
      {gaps.length === 0 ? (
        <p className="empty">{t('noGaps')}</p>
      ) : (
        <ul className="gaps">
          {gaps.map((g) => (
            <li key={`${g.municipalityCode}-${g.start}`}>
              <strong>{g.municipalityName}</strong>:{' '}
              <time dateTime={g.start}>{formatInstant(g.start)}</time> –{' '}
              <time dateTime={g.end}>{formatInstant(g.end)}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
