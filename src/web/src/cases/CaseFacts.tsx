// What has been decided and recorded on the case: the routing decision with its reasons, the
// calls made, the handover, the assessments, the feedback, forwarding or return.
import { municipalityName } from '../../../shared/municipalities.ts';
import { t, tf } from '../i18n.ts';
import { formatTime } from './format.ts';
import { basisLabels, feedbackText, forhandsLabels, handlingLabels, label, outcomeLabels, skyddLabels } from './labels.ts';
import type { CaseDto } from './types.ts';

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The decided municipality; before the decision, the one the rules name, labelled as provisional. */
function responsible(kase: CaseDto, routing: Json): string {
  const decided = municipalityName(kase.responsibleMunicipalityCode);
  if (decided) return decided;
  const byRules = routing.responsibleMunicipality as { name?: unknown } | null | undefined;
  return typeof byRules?.name === 'string' ? tf('provisionalResponsible', { name: byRules.name }) : t('none');
}

export function RoutingView({ kase }: { kase: CaseDto }) {
  const routing = kase.routing as Json | null;
  if (!routing) return null;
  const reasons = Array.isArray(routing.reasons) ? (routing.reasons as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  return (
    <section className="card wide" aria-labelledby="routing-h">
      <h2 id="routing-h">{t('routingHeading')}</h2>
      <dl className="facts">
        <dt>{t('basis')}</dt>
        <dd>{label(basisLabels, kase.basis ?? routing.basis)}</dd>
        <dt>{t('handling')}</dt>
        <dd>{label(handlingLabels, kase.handling ?? routing.handling)}</dd>
        <dt>{t('responsibleMunicipality')}</dt>
        <dd>{responsible(kase, routing)}</dd>
        {kase.overrideReason && (
          <>
            <dt>{t('overrideReason')}</dt>
            <dd>{kase.overrideReason}</dd>
          </>
        )}
      </dl>
      {reasons.length > 0 && (
        <>
          <h3>{t('reasonsHeading')}</h3>
          <ul className="notes">
            {reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ContactAttempts({ kase }: { kase: CaseDto }) {
  if (!kase.contactAttempts || kase.contactAttempts.length === 0) return null;
  return (
    <section className="card wide" aria-labelledby="attempts-h">
      <h2 id="attempts-h">{t('attemptsHeading')}</h2>
      <ol className="history">
        {kase.contactAttempts.map((a, i) => (
          <li key={i}>
            {formatTime(a.at)} – {a.orgName} ({a.label}, {a.phone}): <strong>{label(outcomeLabels, a.outcome)}</strong>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Outcomes({ kase }: { kase: CaseDto }) {
  const skydd = kase.skyddsbedomning as Json | null | undefined;
  const forhands = kase.forhandsbedomning as Json | null | undefined;
  const feedback = feedbackText(kase.feedback as Json | null | undefined);
  const forwarded = kase.forwardedTo as Json | null | undefined;
  const rows: [string, string][] = [];
  if (kase.handover.acceptedAt) {
    rows.push([
      t('handoverAccepted'),
      [
        formatTime(kase.handover.acceptedAt),
        [kase.acceptedBy?.orgName, kase.handover.acceptedByName].filter(Boolean).join(', '),
      ]
        .filter(Boolean)
        .join(' – ') + (kase.handover.acceptedVerbally ? ` (${t('verbally')})` : ''),
    ]);
  }
  if (skydd) {
    const at = str(skydd.assessedAt);
    rows.push([t('skyddHeading'), `${label(skyddLabels, skydd.outcome)}${at ? `, ${formatTime(at)}` : ''}${str(skydd.measures) ? ` – ${str(skydd.measures)}` : ''}`]);
  }
  if (forhands) rows.push([t('forhandsHeading'), `${label(forhandsLabels, forhands.decision)}, ${str(forhands.decidedOn) ?? ''}`]);
  if (feedback) rows.push([t('feedbackReceived'), feedback]);
  if (forwarded) rows.push([t('forwardedTo'), `${municipalityName(str(forwarded.municipalityCode)) ?? ''} – ${str(forwarded.address) ?? ''}`]);
  if (kase.returnReason) rows.push([t('returnedReason'), kase.returnReason]);
  if (kase.closedAt) rows.push([t('closedAt'), formatTime(kase.closedAt)]);
  if (rows.length === 0) return null;
  return (
    <section className="card wide" aria-labelledby="outcomes-h">
      <h2 id="outcomes-h">{t('outcomesHeading')}</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {kase.linkedCaseId && <p className="notice">{t('linkedCaseNote')}</p>}
    </section>
  );
}
