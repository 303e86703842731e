// Jour → office, as each side sees it. The office intake: "Från jouren", who took the case at
// night and whether the office's own kvittens is awaited. The jour group: when the case passes
// (or passed) to the municipality in office hours, and that the office has kvitterat it.
import { municipalityName } from '../../../shared/municipalities.ts';
import { t, tf } from '../i18n.ts';
import { formatWhen } from './format.ts';
import type { CaseSummary } from './types.ts';

type FromJourInfo = NonNullable<CaseSummary['fromJour']>;

/** Is the reader the jour group that held the case? */
export const isJourOf = (f: FromJourInfo, myOrgId: string) => f.jourOrgId === myOrgId;

/** Passed to the office, not yet kvitterat by it: the office's work now. */
export const awaitsOffice = (c: CaseSummary) => Boolean(c.fromJour?.passedAt && !c.fromJour.officeAcknowledgedAt && c.status === 'accepted');

const kommunOf = (c: CaseSummary) => municipalityName(c.responsibleMunicipalityCode ?? '') ?? c.fromJour?.officeName ?? '';

/** The lines that tell the reader where the case is between the jour and the office. */
export function fromJourLines(c: CaseSummary, myOrgId: string): string[] {
  const f = c.fromJour;
  if (!f) return [];
  const kommun = kommunOf(c);
  const lines: string[] = [];
  if (isJourOf(f, myOrgId)) {
    lines.push(tf(f.passedAt ? 'jourPassed' : 'jourPassPlanned', { kommun, time: formatWhen(f.passedAt ?? f.passAt) }));
  } else if (c.acceptedBy) {
    lines.push(tf('fromJourBy', { jour: f.jourName, time: formatWhen(c.acceptedBy.at) }));
    if (!f.passedAt) lines.push(tf('jourPassPlanned', { kommun, time: formatWhen(f.passAt) }));
  }
  if (f.officeAcknowledgedAt) lines.push(tf('officeAckedBy', { kommun, time: formatWhen(f.officeAcknowledgedAt) }));
  else if (awaitsOffice(c) && !isJourOf(f, myOrgId)) lines.push(t('fromJourAwaiting'));
  return lines;
}

/** The case page's panel: where the case stands between the jour and the office. */
export function FromJourPanel({ kase, myOrgId }: { kase: CaseSummary; myOrgId: string }) {
  const lines = fromJourLines(kase, myOrgId);
  if (!kase.fromJour || lines.length === 0) return null;
  return (
    <section className="from-jour" aria-labelledby="from-jour-h">
      <h2 id="from-jour-h">{t('fromJourFlag')}</h2>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {kase.ownEntriesOnly && <p className="notice">{tf('ownEntriesOnlyNotice', { kommun: kommunOf(kase) })}</p>}
    </section>
  );
}
