// One information request: who asks whom, what, on which legal ground, by when (a live
// countdown while it waits), its steps so far, the answer, and the forms for the steps the
// reader's organisation may take now (the server decides again).
import { useId, useState, type FormEvent } from 'react';
import { ApiError, client, ok } from '../api.ts';
import type { paths } from '../api/schema.d.ts';
import { CountdownText } from '../cases/Countdown.tsx';
import { formatTime } from '../cases/format.ts';
import { t, tf } from '../i18n.ts';
import { affiliations, riskLevels, type Request, type Step } from './types.ts';

type Open = Exclude<Step, 'acknowledge'> | null;

export function RequestCard({ request: r, now, onChanged, onOpenCase }: { request: Request; now: number; onChanged(): void; onOpenCase?(id: string): void }) {
  const id = useId().replace(/:/g, '');
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function take(step: Step, body: unknown = {}) {
    setBusy(true);
    setError(null);
    try {
      await ok(postStep(r.id, step, body));
      setOpen(null);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? (e.problem?.detail ?? e.message) : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`case-card request-card${r.state === 'sent' || r.state === 'received' ? ' pending' : ''}`} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="request-title">
        {onOpenCase && !r.child ? (
          <button type="button" className="linkish" onClick={() => onOpenCase(r.caseId)}>
            {tf('requestCaseLine', { number: r.caseNumber })}
          </button>
        ) : (
          tf('requestCaseLine', { number: r.caseNumber })
        )}
        {' · '}
        {tf('requestFromTo', { from: r.asking.name, to: r.addressed.name })}
      </h3>
      {r.child && <p className="muted">{r.child.initials ? tf('requestChildLine', { initials: r.child.initials, year: r.child.birthYear ?? '–' }) : t('requestChildProtected')}</p>}
      <p>
        <strong className="flag">{t(`reqState.${r.state}`)}</strong>
        {r.urgency === 'urgent' && <strong className="urgency urgency-acute"> {t('requestUrgent')}</strong>}
      </p>
      <p>{r.kinds.map((k) => t(`kind.${k}`)).join(', ')}</p>
      <p className="request-text">{r.text}</p>
      <dl className="request-facts">
        <dt>{t('requestLegalGround')}</dt>
        <dd>{r.legalGround.citation}</dd>
        <dt>{t('requestDeadline')}</dt>
        <dd>
          {formatTime(r.deadlineAt)}
          {r.clock && (
            <>
              {' · '}
              <CountdownText clock="information_request" dueAt={r.clock.dueAt} now={now} breached={r.clock.breached} escalationStep={r.clock.escalationStep} withName={false} />
            </>
          )}
        </dd>
      </dl>
      <ul className="muted request-steps">
        <li>{tf('requestSentBy', { time: formatTime(r.sent.at), by: r.sent.by })}</li>
        {r.received && <li>{tf('requestReceivedBy', { time: formatTime(r.received.at), by: r.received.by })}</li>}
        {r.answered && <li>{tf('requestAnsweredBy', { time: formatTime(r.answered.at), by: r.answered.by })}</li>}
        {r.withdrawn && <li>{tf('requestWithdrawnNote', { by: r.withdrawn.by })}</li>}
      </ul>
      {r.declined && <p>{tf('requestDeclinedBecause', { reason: r.declined.reason })}</p>}
      {r.answer && (
        <section className="request-answer" aria-label={t('requestAnswerHeading')}>
          <h4>{t('requestAnswerHeading')}</h4>
          {r.answer.risk && (
            <dl className="request-facts">
              <dt>{t('riskLevel')}</dt>
              <dd>{t(`riskLevel.${r.answer.risk.level}`)}</dd>
              <dt>{t('riskAssessedOn')}</dt>
              <dd>{r.answer.risk.assessedOn}</dd>
              <dt>{t('riskAffiliation')}</dt>
              <dd>
                {t(`affiliation.${r.answer.risk.knownAffiliation}`)}
                {r.answer.risk.groupDesignation ? ` (${r.answer.risk.groupDesignation})` : ''}
              </dd>
            </dl>
          )}
          <p className="request-text">{r.answer.text}</p>
        </section>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {r.steps.length > 0 && open === null && (
        <div className="actions">
          {r.steps.includes('acknowledge') && (
            <button type="button" className="primary" disabled={busy} onClick={() => void take('acknowledge')}>
              {t('requestAcknowledge')}
            </button>
          )}
          {r.steps.includes('answer') && (
            <button type="button" className="primary" onClick={() => setOpen('answer')}>
              {t('requestAnswer')}
            </button>
          )}
          {r.steps.includes('decline') && (
            <button type="button" onClick={() => setOpen('decline')}>
              {t('requestDecline')}
            </button>
          )}
          {r.steps.includes('withdraw') && (
            <button type="button" onClick={() => setOpen('withdraw')}>
              {t('requestWithdraw')}
            </button>
          )}
        </div>
      )}
      {open === 'answer' && <AnswerForm risk={r.kinds.includes('risk_assessment')} busy={busy} onSubmit={(body) => void take('answer', body)} onCancel={() => setOpen(null)} />}
      {(open === 'decline' || open === 'withdraw') && (
        <ReasonForm step={open} busy={busy} onSubmit={(reason) => void take(open, open === 'decline' || reason ? { reason } : {})} onCancel={() => setOpen(null)} />
      )}
    </li>
  );
}

function ReasonForm({ step, busy, onSubmit, onCancel }: { step: 'decline' | 'withdraw'; busy: boolean; onSubmit(reason: string): void; onCancel(): void }) {
  const id = useId().replace(/:/g, '');
  const [reason, setReason] = useState('');
  return (
    <form
      className="action-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit(reason.trim());
      }}
    >
      <label htmlFor={`${id}-r`}>{t(step === 'decline' ? 'requestDeclineReason' : 'requestWithdrawReason')}</label>
      <textarea id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} required={step === 'decline'} rows={3} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t(step === 'decline' ? 'requestDecline' : 'requestWithdraw')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('requestCancel')}
        </button>
      </div>
    </form>
  );
}

/** The answer: free text, and for a risk assessment the structured fields. */
function AnswerForm({ risk, busy, onSubmit, onCancel }: { risk: boolean; busy: boolean; onSubmit(body: unknown): void; onCancel(): void }) {
  const id = useId().replace(/:/g, '');
  const [text, setText] = useState('');
  const [level, setLevel] = useState<(typeof riskLevels)[number]>('unknown');
  const [assessedOn, setAssessedOn] = useState('');
  const [affiliation, setAffiliation] = useState<(typeof affiliations)[number]>('unknown');
  const [group, setGroup] = useState('');
  return (
    <form
      className="action-form answer-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit({
          text: text.trim(),
          ...(risk ? { risk: { level, assessedOn, knownAffiliation: affiliation, ...(affiliation === 'yes' && group.trim() ? { groupDesignation: group.trim() } : {}) } } : {}),
        });
      }}
    >
      {risk && (
        <>
          <fieldset>
            <legend>{t('riskLevel')}</legend>
            {riskLevels.map((l) => (
              <label key={l} className="radio">
                <input type="radio" name={`${id}-level`} value={l} checked={level === l} onChange={() => setLevel(l)} /> {t(`riskLevel.${l}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-on`}>{t('riskAssessedOn')}</label>
          <input id={`${id}-on`} type="date" value={assessedOn} onChange={(e) => setAssessedOn(e.target.value)} required />
          <fieldset>
            <legend>{t('riskAffiliation')}</legend>
            {affiliations.map((a) => (
              <label key={a} className="radio">
                <input type="radio" name={`${id}-aff`} value={a} checked={affiliation === a} onChange={() => setAffiliation(a)} /> {t(`affiliation.${a}`)}
              </label>
            ))}
          </fieldset>
          {affiliation === 'yes' && (
            <>
              <label htmlFor={`${id}-g`}>{t('riskGroup')}</label>
              <input id={`${id}-g`} value={group} onChange={(e) => setGroup(e.target.value)} />
            </>
          )}
        </>
      )}
      <label htmlFor={`${id}-t`}>{t('requestAnswerText')}</label>
      <textarea id={`${id}-t`} value={text} onChange={(e) => setText(e.target.value)} required rows={4} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('requestAnswer')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('requestCancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * One step of a request through the typed client. The forms hand their body over as `unknown`:
 * the server validates it against the step's own schema and answers a clear 400 otherwise.
 */
function postStep(requestId: string, step: Step, body: unknown) {
  const params = { path: { requestId } };
  switch (step) {
    case 'acknowledge':
      return client.POST('/api/v1/information-requests/{requestId}/acknowledge', { params, body: {} });
    case 'answer':
      return client.POST('/api/v1/information-requests/{requestId}/answer', { params, body: body as AnswerBody });
    case 'decline':
      return client.POST('/api/v1/information-requests/{requestId}/decline', { params, body: body as ReasonBody<'decline'> });
    case 'withdraw':
      return client.POST('/api/v1/information-requests/{requestId}/withdraw', { params, body: body as ReasonBody<'withdraw'> });
  }
}
type AnswerBody = paths['/api/v1/information-requests/{requestId}/answer']['post']['requestBody']['content']['application/json'];
type ReasonBody<S extends 'decline' | 'withdraw'> = NonNullable<paths[`/api/v1/information-requests/{requestId}/${S}`]['post']['requestBody']>['content']['application/json'];
