// Every event of the case in order, with who and when.
import { t } from '../i18n.ts';
import { formatTime } from './format.ts';
import { eventLabel } from './labels.ts';
import type { CaseDto } from './types.ts';

export function Timeline({ kase }: { kase: CaseDto }) {
  return (
    <section className="card wide" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('timelineHeading')}</h2>
      <ol className="history">
        {kase.timeline.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at}>{formatTime(e.at)}</time> – <strong>{eventLabel(e.type)}</strong>
            {e.actorName ? ` · ${e.actorName}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
