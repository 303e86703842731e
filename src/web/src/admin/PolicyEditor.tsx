// Editing one escalation policy: the deadline rule and the alert steps, with a reason for the
// audit log. The server validates; its messages land beside the fields they concern.
import { useState, type FormEvent } from 'react';
import { client, ok } from '../api.ts';
import type { paths } from '../api/schema.d.ts';
import { errorText, fieldErrors } from '../cases/caseApi.ts';
import { FieldError, TextArea, TextField } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';
import { targetLabels, type Deadline, type Policy, type Step, type Target } from './escalation-text.ts';

type Kind = 'minutes' | 'days' | 'lateAfter';
interface StepDraft {
  afterMinutes: string;
  target: Target;
  repeatEveryMinutes: string;
}

const targets = Object.keys(targetLabels) as Target[];

function kindOf(d: Deadline): Kind {
  return 'minutes' in d ? 'minutes' : 'days' in d ? 'days' : 'lateAfter';
}
function valueOf(d: Deadline): string {
  if ('minutes' in d) return String(d.minutes);
  if ('days' in d) return String(d.days);
  return 'lateAfter' in d ? d.lateAfter : d.sameDayUntil;
}
type PolicyBody = NonNullable<paths['/api/v1/escalation-policies/{id}']['put']['requestBody']>['content']['application/json'];

/** Numbers typed as digits become numbers; anything else is sent as is, for the server to refuse with its message. */
function num(v: string): number | string {
  return /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
}

export function PolicyEditor({ policy, headingId, onSaved, onCancel }: { policy: Policy; headingId: string; onSaved(p: Policy): void; onCancel(): void }) {
  const [kind, setKind] = useState<Kind>(kindOf(policy.deadline));
  const [value, setValue] = useState(valueOf(policy.deadline));
  const [steps, setSteps] = useState<StepDraft[]>(
    policy.steps.map((s) => ({ afterMinutes: String(s.afterMinutes), target: s.target, repeatEveryMinutes: s.repeatEveryMinutes ? String(s.repeatEveryMinutes) : '' })),
  );
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `policy-${policy.id}`;

  const setStep = (i: number, patch: Partial<StepDraft>) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = t('fieldRequired');
    if (!value.trim()) local.deadline = t('fieldRequired');
    steps.forEach((s, i) => {
      if (!s.afterMinutes.trim()) local[`steps.${i}.afterMinutes`] = t('fieldRequired');
    });
    setErrors(local);
    if (Object.keys(local).length) {
      setMessage(t('checkFields'));
      return;
    }
    const deadline = kind === 'lateAfter' ? { lateAfter: value.trim() } : { [kind]: num(value) };
    const body = {
      clock: policy.clock,
      municipalityCode: policy.municipalityCode,
      name: policy.name,
      deadline,
      steps: steps.map((s) => ({ afterMinutes: num(s.afterMinutes), target: s.target, ...(s.repeatEveryMinutes.trim() ? { repeatEveryMinutes: num(s.repeatEveryMinutes) } : {}) })),
      reason: reason.trim(),
    };
    setBusy(true);
    setMessage(null);
    try {
      // What was typed goes as typed (see num), so the body is the documented shape only when
      // the input is valid; otherwise the server's refusal names the field.
      const typed = body as unknown as PolicyBody;
      const saved: Policy = await ok(client.PUT('/api/v1/escalation-policies/{id}', { params: { path: { id: policy.id } }, body: typed }));
      onSaved(saved);
    } catch (err) {
      const fe = fieldErrors(err);
      // "deadline.minutes" and the like belong to the one deadline field.
      const mapped: Record<string, string> = {};
      for (const [k, v] of Object.entries(fe)) mapped[k.startsWith('deadline') ? 'deadline' : k] ??= v;
      setErrors(mapped);
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const valueLabel = kind === 'minutes' ? t('deadlineMinutesLabel') : kind === 'days' ? t('deadlineDaysLabel') : t('deadlineTimeLabel');
  const stepsError = errors.steps;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="policy-form">
      <h2 id={headingId}>{tf('editPolicyHeading', { name: policy.name })}</h2>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <div className="row-fields">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('deadlineKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="minutes">{t('kindMinutes')}</option>
            <option value="days">{t('kindDays')}</option>
            <option value="lateAfter">{t('kindLateAfter')}</option>
          </select>
        </div>
        <TextField id={`${id}-value`} label={valueLabel} value={value} onChange={setValue} inputMode={kind === 'lateAfter' ? 'text' : 'numeric'} error={errors.deadline} required />
      </div>
      {steps.map((s, i) => (
        <fieldset key={i} className="contact-row">
          <legend>{tf('stepN', { n: i + 1 })}</legend>
          <div className="row-fields">
            <TextField
              id={`${id}-step${i}-after`}
              label={t('stepAfterMinutes')}
              value={s.afterMinutes}
              inputMode="numeric"
              onChange={(v) => setStep(i, { afterMinutes: v })}
              error={errors[`steps.${i}.afterMinutes`] ?? errors[`steps.${i}`]}
              required
            />
            <div className="field">
              <label htmlFor={`${id}-step${i}-target`}>{t('stepTarget')}</label>
              <select id={`${id}-step${i}-target`} value={s.target} onChange={(e) => setStep(i, { target: e.target.value as Target })}>
                {targets.map((tg) => (
                  <option key={tg} value={tg}>
                    {t(targetLabels[tg])}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id={`${id}-step${i}-repeat`}
              label={t('stepRepeatMinutes')}
              value={s.repeatEveryMinutes}
              inputMode="numeric"
              onChange={(v) => setStep(i, { repeatEveryMinutes: v })}
              error={errors[`steps.${i}.repeatEveryMinutes`]}
            />
          </div>
          {steps.length > 1 && (
            <button type="button" className="secondary danger" onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}>
              {tf('removeStep', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <FieldError id={`${id}-steps`} error={stepsError} />
      <p>
        <button type="button" className="secondary" onClick={() => setSteps((all) => [...all, { afterMinutes: all.at(-1)?.afterMinutes ?? '0', target: 'hub_supervisor', repeatEveryMinutes: '' }])}>
          {t('addStep')}
        </button>
      </p>
      <TextArea id={`${id}-reason`} label={t('reason')} hint={t('policyReasonHint')} value={reason} onChange={setReason} error={errors.reason} required rows={2} />
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('savePolicy')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

export type { Step };
