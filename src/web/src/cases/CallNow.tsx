// "Ring nu": whom to call right now to hand the case over, the number as a big tel: link, one
// button per outcome of the call, and the contacts after it. A call that reaches no one moves
// "Ring nu" to the next contact (the server decides; the page shows its answer).
import { useState } from 'react';
import { t, tf } from '../i18n.ts';
import { formatWhen } from './format.ts';
import type { Act } from './ActionForm.tsx';
import { outcomeLabels } from './labels.ts';
import type { CaseDto, Contact } from './types.ts';

const outcomes = ['no_answer', 'busy', 'reached', 'voicemail'] as const;

function telHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('0') ? `+46${digits.slice(1)}` : digits}`;
}

export function PhoneLink({ phone, big }: { phone: string; big?: boolean }) {
  return (
    <a className={big ? 'phone big-phone' : 'phone'} href={telHref(phone)}>
      {phone}
    </a>
  );
}

export function CallNow({ kase, act }: { kase: CaseDto; act: Act }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const callNow = kase.callNow;
  if (!callNow) return null;
  const contact = callNow.contact;
  const canLog = kase.allowedActions.includes('log_contact_attempt');

  async function log(c: Contact, outcome: (typeof outcomes)[number]) {
    if (!c.phone) return;
    setBusy(true);
    setError(null);
    const result = await act('log_contact_attempt', { orgName: c.orgName, label: c.label, phone: c.phone, orgId: c.orgId, outcome });
    setBusy(false);
    if (!result.ok) setError(result.message ?? t('checkFields'));
  }

  return (
    <section className="call-now" aria-labelledby="call-now-h">
      <h2 id="call-now-h">{t('callNow')}</h2>
      {contact ? (
        <>
          <p className="call-org">
            <strong>{contact.orgName}</strong>
            <span className="muted"> – {contact.label}</span>
          </p>
          {contact.phone && <PhoneLink phone={contact.phone} big />}
          {callNow.reasons.length > 0 && (
            <ul className="notes">
              {callNow.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {canLog && contact.phone && (
            <div className="outcomes" role="group" aria-labelledby="call-outcome-h">
              <h3 id="call-outcome-h">{tf('callOutcome', { name: contact.orgName })}</h3>
              <div className="row-actions">
                {outcomes.map((o) => (
                  <button key={o} type="button" className={o === 'reached' ? '' : 'secondary outcome'} disabled={busy} onClick={() => void log(contact, o)}>
                    {t(outcomeLabels[o]!)}
                  </button>
                ))}
              </div>
              {error && (
                <p className="error" role="alert">
                  {error}
                </p>
              )}
            </div>
          )}
        </>
      ) : (
        <p className="error">{t('noContactNow')}</p>
      )}
      {callNow.next.length > 0 && (
        <>
          <h3>{t('nextContacts')}</h3>
          <ol className="chain">
            {callNow.next.map((c, i) => (
              <li key={`${c.orgName}-${c.phone}-${i}`}>
                <span className="chain-label">
                  {c.orgName} – {c.label}
                </span>
                {c.phone && <PhoneLink phone={c.phone} />}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** After "Nådd": the handover is done by phone; whom it reached, and their number in small. */
export function HandoverDone({ reached }: { reached: NonNullable<CaseDto['handover']['reached']> }) {
  return (
    <section className="handover-done" aria-labelledby="handover-done-h">
      <h2 id="handover-done-h">{t('handoverDoneHeading')}</h2>
      <p>{tf('handoverDoneText', { time: formatWhen(reached.at), org: reached.orgName, label: reached.label })}</p>
      <p className="muted">
        {t('callAgain')}: <PhoneLink phone={reached.phone} />
      </p>
      <p className="muted">{t('handoverDoneVerbal')}</p>
    </section>
  );
}
