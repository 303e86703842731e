// The clarification thread between the hub, the police and the receiving municipality, with read
// receipts: a message from another organisation is marked read when it is shown here.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { t, tf } from '../i18n.ts';
import { errorText, fieldErrors, markRead, postMessage } from './caseApi.ts';
import { TextArea } from './fields.tsx';
import { formatTime } from './format.ts';
import type { CaseDto, Message } from './types.ts';

function MessageForm({ caseId, kind, replyToId, label, submitLabel, onPosted }: { caseId: string; kind: 'question' | 'answer'; replyToId?: string; label: string; submitLabel: string; onPosted(): void }) {
  const id = useId().replace(/:/g, '');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setError(t('fieldRequired'));
      return;
    }
    setBusy(true);
    try {
      await postMessage(caseId, { kind, body, ...(replyToId ? { replyToId } : {}) });
      setBody('');
      setError(undefined);
      onPosted();
    } catch (err) {
      setError(fieldErrors(err).body ?? errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="message-form">
      <TextArea id={`${id}-body`} label={label} value={body} onChange={setBody} error={error} rows={2} />
      <div>
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

export function Thread({ kase, myOrgId, onChanged }: { kase: CaseDto; myOrgId: string; onChanged(): void }) {
  const marked = useRef(new Set<string>());
  useEffect(() => {
    for (const m of kase.messages) {
      if (m.authorOrgId === myOrgId || m.readBy.some((r) => r.orgId === myOrgId) || marked.current.has(m.id)) continue;
      marked.current.add(m.id);
      void markRead(kase.id, m.id).catch(() => marked.current.delete(m.id));
    }
  }, [kase, myOrgId]);

  const canAsk = kase.allowedActions.includes('ask_question');
  const canAnswer = kase.allowedActions.includes('answer_question');
  const answered = (m: Message) => m.answeredAt !== null || kase.messages.some((a) => a.replyToId === m.id);
  return (
    <section className="card wide" aria-labelledby="thread-h">
      <h2 id="thread-h">{t('threadHeading')}</h2>
      {kase.messages.length === 0 ? (
        <p className="muted">{t('threadEmpty')}</p>
      ) : (
        <ol className="thread">
          {kase.messages.map((m) => {
            const others = m.readBy.filter((r) => r.orgId !== m.authorOrgId);
            return (
              <li key={m.id} className={`message message-${m.kind}${m.authorOrgId === myOrgId ? ' mine' : ''}`}>
                <p className="message-meta">
                  <strong>{t(m.kind === 'question' ? 'kindQuestion' : m.kind === 'answer' ? 'kindAnswer' : 'kindNote')}</strong> · {m.authorName} · {formatTime(m.at)}
                </p>
                <p className="message-body">{m.body ?? t('none')}</p>
                <p className="muted hint">{others.length > 0 ? tf('readAt', { time: formatTime(others[0]!.readAt) }) : t('unread')}</p>
                {m.kind === 'question' && m.authorOrgId !== myOrgId && !answered(m) && canAnswer && (
                  <MessageForm caseId={kase.id} kind="answer" replyToId={m.id} label={t('answerLabel')} submitLabel={t('sendAnswer')} onPosted={onChanged} />
                )}
                {m.kind === 'question' && answered(m) && <p className="ok-text">{t('answered')}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {canAsk && <MessageForm caseId={kase.id} kind="question" label={t('askLabel')} submitLabel={t('sendQuestion')} onPosted={onChanged} />}
    </section>
  );
}
