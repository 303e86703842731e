// One case, for whoever may open it: the hub handling it, the municipality receiving it, the
// police who filed it. The buttons and forms are exactly the case's allowedActions; every
// transition sends the version seen (If-Match) and a 412 reloads the case.
import { useCallback, useEffect, useRef, useState } from 'react';
import { LoadState } from '../admin/LoadState.tsx';
import { useLoad } from '../admin/useLoad.ts';
import { ApiError, client, ok } from '../api.ts';
import { t, tf } from '../i18n.ts';
import type { Session } from '../session.ts';
import type { Act } from './ActionForm.tsx';
import { CallNow, HandoverDone } from './CallNow.tsx';
import { ClocksPanel } from './ClocksPanel.tsx';
import { ContactAttempts, Outcomes, RoutingView } from './CaseFacts.tsx';
import { errorText, fieldErrors, transition } from './caseApi.ts';
import { DecisionForms, FeedbackForm, ForhandsForm, ForwardForm, ReasonForm, SkyddForm, VerbalAckForm } from './Forms.tsx';
import { duration, formatTime, formatWhen, minutesSince, statusText, urgencyLabels } from './format.ts';
import { FromJourPanel } from './FromJour.tsx';
import { HandoverDocumentPanel } from './HandoverDocument.tsx';
import { eventLabel, forhandsLabels, label } from './labels.ts';
import { useLiveRefresh } from './live.ts';
import { ReportView } from './ReportView.tsx';
import { Thread } from './Thread.tsx';
import { CaseRequests } from '../requests/CaseRequests.tsx';
import { roleCan } from '../permissions.ts';
import { Timeline } from './Timeline.tsx';
import type { CaseDto, TransitionName } from './types.ts';

interface Props {
  caseId: string;
  session: Session;
  onBack(): void;
}

export function CasePage({ caseId, session, onBack }: Props) {
  const { load, reload } = useLoad<CaseDto>(caseId, () => ok(client.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })));
  const [kase, setKase] = useState<CaseDto | null>(null);
  const [status, setStatus] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kaseRef = useRef(kase);
  kaseRef.current = kase;

  useEffect(() => {
    if (load.state === 'ready') setKase(load.data);
  }, [load]);
  // Reload when the stream says something happened to this case (no polling of a single case).
  useLiveRefresh(
    () => undefined,
    (event) => {
      if (event.caseNumber === kaseRef.current?.number) reload();
    },
    { poll: false },
  );

  const act: Act = useCallback(
    async (name, body) => {
      const current = kaseRef.current;
      if (!current) return { ok: false, errors: {} };
      try {
        // null: the case left this reader's sight (a refused handover).
        const next = await transition(current, name, body);
        setKase(next);
        setNotice(null);
        setStatus(tf('actionDone', { action: eventLabel(name) }));
        return { ok: true, errors: {} };
      } catch (e) {
        if (e instanceof ApiError && e.code === 'PRECONDITION_FAILED') {
          setNotice(t('caseChangedReloading'));
          reload();
          return { ok: false, message: t('caseChangedReloading'), errors: {} };
        }
        return { ok: false, message: errorText(e), errors: fieldErrors(e) };
      }
    },
    [reload],
  );

  async function button(name: TransitionName) {
    setBusy(true);
    const result = await act(name);
    setBusy(false);
    if (!result.ok && result.message) setNotice(result.message);
  }

  if (!kase) {
    return (
      <>
        <h1>{t('navCase')}</h1>
        <LoadState load={load} onRetry={reload} />
      </>
    );
  }
  const can = (name: TransitionName) => kase.allowedActions.includes(name);
  const supervisor = session.user.role === 'hub.supervisor';
  const investigation = (kase.forhandsbedomning as { decision?: string } | null | undefined)?.decision;
  // The other receiver (the intake when the jour group acknowledged, or the other way round).
  const heldElsewhere = kase.status === 'accepted' && session.user.role.startsWith('municipality.') && kase.handover.acceptedByOrgId !== session.user.organisation.id;
  const hasActions = kase.allowedActions.some((a) => a !== 'ask_question' && a !== 'answer_question');

  return (
    <>
      <h1>
        {t('navCase')} {kase.number}
      </h1>
      <p className="case-head">
        <span className={`status status-${kase.status}`}>{kase.status === 'handover_pending' && kase.handover.reached ? t('statusReached') : statusText(kase)}</span>
        <span className={`urgency urgency-${kase.urgency}`}>{t(urgencyLabels[kase.urgency])}</span>
        <span>
          {tf('receivedAt', { time: formatTime(kase.receivedAt) })} ({tf('sinceReceipt', { time: duration(minutesSince(kase.receivedAt, Date.now())) })})
        </span>
      </p>
      {kase.duplicateFlag && <p className="notice">{t('duplicateFlagged')}</p>}
      <FromJourPanel kase={kase} myOrgId={session.user.organisation.id} />

      {can('acknowledge_from_jour') && kase.fromJour && kase.acceptedBy && (
        <section className="ack-panel" aria-labelledby="ack-jour-h">
          <h2 id="ack-jour-h">{t('fromJourHeading')}</h2>
          <p>{tf('fromJourIntro', { jour: kase.fromJour.jourName, time: formatWhen(kase.acceptedBy.at) })}</p>
          <button type="button" className="big ack" disabled={busy} onClick={() => void button('acknowledge_from_jour')}>
            {t('acknowledgeFromJour')}
          </button>
        </section>
      )}
      {heldElsewhere && kase.acceptedBy && <p className="notice held-elsewhere">{tf('caseHeldElsewhere', { org: kase.acceptedBy.orgName })}</p>}

      {can('acknowledge') && (
        <section className="ack-panel" aria-labelledby="ack-h">
          <h2 id="ack-h">{t('ackHeading')}</h2>
          <p>{t('ackIntro')}</p>
          <button type="button" className="big ack" disabled={busy} onClick={() => void button('acknowledge')}>
            {t('acknowledge')}
          </button>
        </section>
      )}

      <p role="status" className="saved">
        {status}
      </p>
      {notice && (
        <p className="error" role="alert">
          {notice}
        </p>
      )}

      <div className="case-layout">
        <div className="case-actions">
          <ClocksPanel kase={kase} />
          {(can('claim') || can('release') || can('reassign') || can('close')) && (
            <div className="row-actions">
              {can('claim') && (
                <button type="button" className="big" disabled={busy} onClick={() => void button('claim')}>
                  {t('claim')}
                </button>
              )}
              {can('reassign') && (
                <button type="button" className="secondary" disabled={busy} onClick={() => void button('reassign')}>
                  {t('reassign')}
                </button>
              )}
              {can('release') && (
                <button type="button" className="secondary" disabled={busy} onClick={() => void button('release')}>
                  {t('release')}
                </button>
              )}
              {can('close') && (
                <button type="button" className="secondary" disabled={busy} onClick={() => void button('close')}>
                  {t('closeCase')}
                </button>
              )}
            </div>
          )}
          {kase.callNow && <CallNow kase={kase} act={act} />}
          {kase.status === 'handover_pending' && kase.handover.reached && <HandoverDone reached={kase.handover.reached} />}
          {can('record_verbal_acknowledgement') && <VerbalAckForm act={act} orgId={kase.callNow?.contact?.orgId ?? kase.handover.orgId} />}
          {can('decide') && <DecisionForms act={act} supervisor={supervisor} />}
          {can('forward') && <ForwardForm act={act} />}
          {can('return') && <ReasonForm act={act} name="return" heading={t('returnHeading')} intro={t('returnIntro')} label={t('returnReason')} submitLabel={t('returnSubmit')} />}
          {can('refuse') && <ReasonForm act={act} name="refuse" heading={t('refuseHeading')} intro={t('refuseIntro')} label={t('refuseReason')} submitLabel={t('refuseSubmit')} />}
          {can('record_skyddsbedomning') && <SkyddForm act={act} />}
          {can('record_forhandsbedomning') && <ForhandsForm act={act} />}
          {can('send_feedback') && <FeedbackForm act={act} investigation={investigation ? label(forhandsLabels, investigation) : null} />}
          {can('reopen') && <ReasonForm act={act} name="reopen" heading={t('reopenHeading')} label={t('reopenReason')} submitLabel={t('reopenSubmit')} />}
          {!hasActions && <p className="muted">{t('noActionsNow')}</p>}
          <HandoverDocumentPanel kase={kase} />
          <Outcomes kase={kase} />
          <ContactAttempts kase={kase} />
          <RoutingView kase={kase} />
        </div>
        <div className="case-info">
          {kase.report ? <ReportView kase={kase} report={kase.report} /> : !kase.ownEntriesOnly && <p className="muted">{t('reportNotShown')}</p>}
          <Thread kase={kase} myOrgId={session.user.organisation.id} onChanged={reload} />
          {roleCan(session.user.role, 'requests.use') && <CaseRequests caseId={kase.id} />}
          <Timeline kase={kase} />
        </div>
      </div>
      <p>
        <button type="button" className="secondary" onClick={onBack}>
          {t('back')}
        </button>
      </p>
    </>
  );
}
