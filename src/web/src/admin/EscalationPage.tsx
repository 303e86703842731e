// "Eskalering": the escalation policies per clock (deadline and alert steps in words), editing a
// policy with the server's validation messages beside the fields, and the check of steps that
// would reach nobody in the next 7 days.
import { useEffect, useRef, useState } from 'react';
import { useStackedLabels } from './stacked.ts';
import { municipalityName } from '../../../shared/municipalities.ts';
import { clockLabel } from '../cases/clocks.ts';
import { t, tf } from '../i18n.ts';
import { formatInstant, stockholmToday } from './time.ts';
import { deadlineText, stepText, targetLabels, type Policy, type PolicyProblem } from './escalation-text.ts';
import { LoadState } from './LoadState.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { useLoad } from './useLoad.ts';
import { client, ok } from '../api.ts';

const clockOrder = ['claim', 'triage', 'acknowledge', 'report_to_kvittens', 'skyddsbedomning', 'forhandsbedomning', 'feedback', 'closure', 'clarification', 'information_request'];

interface ProblemGroup {
  key: string;
  clock: string;
  step: number;
  target: string;
  reason: PolicyProblem['reason'];
  explanation: string;
  municipalities: string[];
  intervals: PolicyProblem['intervals'];
}

/** One line per policy step and reason, naming the municipalities it concerns. */
function groupProblems(problems: PolicyProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    const key = `${p.policyId}|${p.step}|${p.reason}`;
    const g = groups.get(key) ?? { key, clock: p.clock, step: p.step, target: p.target, reason: p.reason, explanation: p.explanation, municipalities: [], intervals: p.intervals };
    if (p.municipalityName) g.municipalities.push(p.municipalityName);
    groups.set(key, g);
  }
  return [...groups.values()];
}

export function EscalationPage() {
  const stacked = useStackedLabels<HTMLTableElement>();
  const { load, reload } = useLoad<{ policies: Policy[] }>('policies', () => ok(client.GET('/api/v1/escalation-policies')));
  const [checkRound, setCheckRound] = useState(0);
  const check = useLoad<{ from: string; days: number; problems: PolicyProblem[] }>('policy-check', () => ok(client.GET('/api/v1/escalation-policies/check', { params: { query: { from: stockholmToday(), days: 7 } } })), checkRound);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const editorRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (editing) editorRef.current?.focus();
  }, [editing]);

  const policies = load.state === 'ready' ? [...load.data.policies].sort((a, b) => clockOrder.indexOf(a.clock) - clockOrder.indexOf(b.clock) || (a.municipalityCode ?? '').localeCompare(b.municipalityCode ?? '')) : [];
  const current = policies.find((p) => p.id === editing) ?? null;

  return (
    <>
      <h1>{t('navEscalation')}</h1>
      <p>{t('escalationIntro')}</p>
      <p role="status" className="saved">
        {saved}
      </p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('policiesCaption') })} tabIndex={0}>
          <table className="data policies stacked" ref={stacked}>
            <caption>{t('policiesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colClock')}</th>
                <th scope="col">{t('colPolicyName')}</th>
                <th scope="col">{t('colScope')}</th>
                <th scope="col">{t('colDeadlineRule')}</th>
                <th scope="col">{t('colSteps')}</th>
                <th scope="col">{t('colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {policies.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{clockLabel(p.clock)}</th>
                  <td>{p.name}</td>
                  <td>{p.municipalityCode ? municipalityName(p.municipalityCode) : t('scopeDefault')}</td>
                  <td>{deadlineText(p.deadline)}</td>
                  <td>
                    <ol className="steps">
                      {p.steps.map((s, i) => (
                        <li key={i}>{stepText(s)}</li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    <button type="button" className="secondary" aria-pressed={editing === p.id} onClick={() => setEditing(p.id)}>
                      {t('editPolicy')}
                      <span className="sr-only"> {p.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current && (
        <section className="card wide detail" ref={editorRef} tabIndex={-1} aria-labelledby="policy-edit-h">
          <PolicyEditor
            key={current.id}
            policy={current}
            headingId="policy-edit-h"
            onCancel={() => setEditing(null)}
            onSaved={(p) => {
              setSaved(tf('policySaved', { name: p.name }));
              setEditing(null);
              reload();
              setCheckRound((r) => r + 1);
            }}
          />
        </section>
      )}
      <section aria-labelledby="check-h">
        <h2 id="check-h">{t('checkHeading')}</h2>
        <LoadState load={check.load} onRetry={check.reload} />
        {check.load.state === 'ready' &&
          (check.load.data.problems.length === 0 ? (
            <p className="empty">{t('checkNone')}</p>
          ) : (
            <ul className="history check-problems">
              {groupProblems(check.load.data.problems).map((g) => (
                <li key={g.key}>
                  <strong>{tf('checkStep', { clock: clockLabel(g.clock), n: g.step + 1, target: t(targetLabels[g.target as keyof typeof targetLabels] ?? 'none') })}</strong>
                  <span className="stack">
                    {g.reason === 'no_user' ? t('checkNoUser') : t('checkGap')}{g.municipalities.length <= 1 ? `: ${g.explanation}` : ''}
                  </span>
                  {g.municipalities.length > 1 && <span className="stack muted">{tf('checkMunicipalities', { n: g.municipalities.length, list: g.municipalities.join(', ') })}</span>}
                  {g.intervals.length > 0 && (
                    <span className="stack muted">
                      {tf('checkIntervals', { list: g.intervals.slice(0, 5).map((iv) => `${formatInstant(iv.start)} – ${formatInstant(iv.end)}`).join('; ') + (g.intervals.length > 5 ? ' …' : '') })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ))}
        <button type="button" className="secondary" onClick={() => setCheckRound((r) => r + 1)}>
          {t('checkRerun')}
        </button>
      </section>
    </>
  );
}
