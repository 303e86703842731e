// A new information request about one case: to whom (an organisation the server says the reader
// may ask), what kinds, free text, the legal ground from the admins' list, urgency and deadline.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { stockholmLocalToIso } from '../admin/time.ts';
import { ApiError, client, ok } from '../api.ts';
import { DateInput } from '../DateInput.tsx';
import { t } from '../i18n.ts';
import { kinds, type CaseRequests, type Kind, type LegalGround } from './types.ts';

export function AskForm({ caseId, addressees, onSent }: { caseId: string; addressees: CaseRequests['addressees']; onSent(): void }) {
  const id = useId().replace(/:/g, '');
  const [grounds, setGrounds] = useState<LegalGround[]>([]);
  const [to, setTo] = useState(addressees[0]?.orgId ?? '');
  const [chosen, setChosen] = useState<Kind[]>([]);
  const [text, setText] = useState('');
  const [ground, setGround] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [deadline, setDeadline] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ok(client.GET('/api/v1/legal-grounds')).then(
      (d: { legalGrounds: LegalGround[] }) => {
        const usable = d.legalGrounds.filter((g) => !g.retiredAt);
        setGrounds(usable);
        setGround((g) => g || (usable[0]?.id ?? ''));
      },
      () => setGrounds([]),
    );
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The field hands on '' both when empty and when what was typed is not yet a time: sending
    // then would silently drop the deadline the asker meant.
    const typed = (document.getElementById(`${id}-due`) as HTMLInputElement | null)?.value.trim() ?? '';
    if (typed !== '' && !stockholmLocalToIso(deadline)) {
      setMessage({ ok: false, text: t('requestDeadlineInvalid') });
      return;
    }
    setBusy(true);
    try {
      await ok(client.POST('/api/v1/cases/{id}/information-requests', {
        params: { path: { id: caseId } },
        body: {
        addressedOrgId: to,
        kinds: chosen,
        text: text.trim(),
        legalGroundId: ground,
        urgency: urgent ? 'urgent' : 'normal',
        ...(deadline ? { deadline: stockholmLocalToIso(deadline)! } : {}),
        },
      }));
      setMessage({ ok: true, text: t('requestSent') });
      setChosen([]);
      setText('');
      onSent();
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      setMessage({ ok: false, text: [problem?.detail ?? (err as Error).message, ...(problem?.errors ?? []).map((f) => f.message)].join(' ') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action-form ask-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('requestAskHeading')}</h3>
      {message && (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <label htmlFor={`${id}-to`}>{t('requestAddressee')}</label>
      <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
        {addressees.map((a) => (
          <option key={a.orgId} value={a.orgId}>
            {a.name}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t('requestKinds')}</legend>
        {kinds.map((k) => (
          <label key={k} className="checkbox">
            <input type="checkbox" checked={chosen.includes(k)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, k] : c.filter((x) => x !== k)))} /> {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-text`}>{t('requestText')}</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={3} required />
      <label htmlFor={`${id}-ground`}>{t('requestLegalGround')}</label>
      <select id={`${id}-ground`} value={ground} onChange={(e) => setGround(e.target.value)}>
        {grounds.map((g) => (
          <option key={g.id} value={g.id}>
            {g.citation}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} /> {t('requestUrgency')}
      </label>
      <label htmlFor={`${id}-due`}>{t('requestDeadlineLabel')}</label>
      <p id={`${id}-due-hint`} className="muted hint">
        {t('dateTimeFormatHint')}
      </p>
      {/* Swedish form whatever the browser's locale; read as Stockholm time wherever the browser is. */}
      <DateInput id={`${id}-due`} kind="datetime" aria-describedby={`${id}-due-hint`} value={deadline} onChange={setDeadline} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('requestSend')}
        </button>
      </div>
    </form>
  );
}
