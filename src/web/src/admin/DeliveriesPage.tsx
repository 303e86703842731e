// "Utskick": every notification delivery with its status history, newest first, filtered by
// status. Where it went and for which case number; never the message text.
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { DeliveryDto } from '../../../shared/api/notifications.ts';
import type { UiKey } from '../../../shared/messages.ts';
import { ApiError, client, ok } from '../api.ts';
import { t, tf } from '../i18n.ts';
import { DemoOutbox } from './DemoOutbox.tsx';
import { useStackedLabels } from './stacked.ts';
import { formatInstant } from './time.ts';

type Delivery = z.infer<typeof DeliveryDto>;
type Status = Delivery['status'];

const statusLabels: Record<string, UiKey> = { pending: 'dsPending', sending: 'dsSending', sent: 'dsSent', failed: 'dsFailed', dead: 'dsDead' };
const channelLabels: Record<Delivery['channel'], UiKey> = { sse: 'channelSse', email: 'channelMail', webhook: 'channelWebhook' };
const recipientLabels: Record<Delivery['recipient']['kind'], UiKey> = { org: 'recipientOrg', user: 'recipientUser', email: 'recipientEmail', webhook: 'recipientWebhook' };
const PAGE = 50;

const statusText = (s: string) => (statusLabels[s] ? t(statusLabels[s]) : s);

/** What a notification was about, in words (the topics written in features/cases and jobs/escalate). */
const topicLabels: Record<string, UiKey> = {
  'case.reported': 'topicCaseReported',
  'case.handed_over': 'topicCaseHandedOver',
  'case.acknowledged': 'topicCaseAcknowledged',
  'case.refused': 'topicCaseRefused',
  'case.question_asked': 'topicCaseQuestionAsked',
  'case.feedback_sent': 'topicCaseFeedbackSent',
  'case.forwarded': 'topicCaseForwarded',
  'case.returned': 'topicCaseReturned',
  'deadline.escalated': 'topicDeadlineEscalated',
};
export const topicText = (topic: string) => t(topicLabels[topic] ?? 'topicOther');

export function DeliveriesPage() {
  const [status, setStatus] = useState<Status | ''>('');
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const table = useStackedLabels<HTMLTableElement>();

  async function fetchPage(before: number | null) {
    setBusy(true);
    setError(null);
    try {
      const query = { limit: PAGE, ...(status ? { status } : {}), ...(before ? { before } : {}) };
      const page: { deliveries: Delivery[] } = await ok(client.GET('/api/v1/notifications/deliveries', { params: { query } }));
      setItems((prev) => (before && prev ? [...prev, ...page.deliveries] : page.deliveries));
      setMore(page.deliveries.length === PAGE);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void fetchPage(null);
  }, [status]);

  return (
    <>
      <h1>{t('navDeliveries')}</h1>
      <p>{t('deliveriesIntro')}</p>
      <div className="toolbar">
        <div>
          <label htmlFor="delivery-status">{t('filterStatus')}</label>
          <select id="delivery-status" value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('allStatuses')}</option>
            {Object.keys(statusLabels).map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <div role="alert" className="error-box">
          <p className="error">
            {t('loadFailed')} {error}
          </p>
          <button type="button" className="secondary" onClick={() => void fetchPage(null)}>
            {t('retry')}
          </button>
        </div>
      )}
      {items === null && !error && (
        <p role="status" aria-live="polite">
          {t('loading')}
        </p>
      )}
      {items && items.length === 0 && <p className="empty">{t('deliveriesEmpty')}</p>}
      {items && items.length > 0 && (
        <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('deliveriesCaption') })} tabIndex={0}>
          <table className="data deliveries stacked" ref={table}>
            <caption>{t('deliveriesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colTime')}</th>
                <th scope="col">{t('colCase')}</th>
                <th scope="col">{t('colEvent')}</th>
                <th scope="col">{t('colChannel')}</th>
                <th scope="col">{t('colRecipient')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colAttempts')}</th>
                <th scope="col">{t('colHistory')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">
                    <time dateTime={d.createdAt}>{formatInstant(d.createdAt)}</time>
                  </td>
                  <td className="nowrap">{d.caseNumber ?? t('none')}</td>
                  <td>{topicText(d.topic)}</td>
                  <td>{t(channelLabels[d.channel])}</td>
                  <td>
                    {d.recipient.name ?? t(recipientLabels[d.recipient.kind])}
                    {d.recipient.kind === 'email' && <span className="stack muted">{d.recipient.ref}</span>}
                  </td>
                  <td>
                    <span className={`delivery delivery-${d.status}`}>{statusText(d.status)}</span>
                    {d.lastError && <span className="stack muted">{tf('lastError', { error: d.lastError })}</span>}
                  </td>
                  <td className="nowrap">{tf('attemptsOf', { n: d.attempts, max: d.maxAttempts })}</td>
                  <td>
                    {d.history.length === 0 ? (
                      <span className="muted">{t('noAttemptsYet')}</span>
                    ) : (
                      <details>
                        <summary>{tf('showHistory', { n: d.history.length })}</summary>
                        <ol className="steps">
                          {d.history.map((h, i) => (
                            <li key={i}>
                              {formatInstant(h.at)}: {statusText(h.status)}
                              {h.detail ? ` – ${h.detail}` : ''}
                            </li>
                          ))}
                        </ol>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items && more && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void fetchPage(items.at(-1)?.id ?? null)}>
          {t('auditShowMore')}
        </button>
      )}
      <DemoOutbox />
    </>
  );
}
