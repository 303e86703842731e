// The case page's section "Förfrågningar": the requests about the case the reader sees (with
// countdowns), a form to ask whom the reader may ask, and, for the social services handling the
// case, the other authorities party to it. Live: any request event reloads it.
import { useId, useState } from 'react';
import { client, ok } from '../api.ts';
import { LoadState } from '../admin/LoadState.tsx';
import { useLoad } from '../admin/useLoad.ts';
import { useNow } from '../cases/clocks.ts';
import { useLiveRefresh } from '../cases/live.ts';
import { t } from '../i18n.ts';
import { AddPartyForm } from './AddPartyForm.tsx';
import { AskForm } from './AskForm.tsx';
import { RequestCard } from './RequestCard.tsx';
import type { CaseRequests as Data } from './types.ts';

export function CaseRequests({ caseId }: { caseId: string }) {
  const id = useId().replace(/:/g, '');
  const [round, setRound] = useState(0);
  const refresh = () => setRound((r) => r + 1);
  const { load, reload } = useLoad<Data>(
    `/api/v1/cases/${caseId}/information-requests`,
    () => ok(client.GET('/api/v1/cases/{id}/information-requests', { params: { path: { id: caseId } } })),
    round,
  );
  useLiveRefresh(refresh, undefined, { poll: false });
  const now = useNow(15_000);
  return (
    <section className="case-requests" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('requestsHeading')}</h2>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <>
          {load.data.requests.length === 0 ? (
            <p className="muted">{t('requestsEmpty')}</p>
          ) : (
            <ul className="case-cards">
              {load.data.requests.map((r) => (
                <RequestCard key={r.id} request={r} now={now} onChanged={refresh} />
              ))}
            </ul>
          )}
          {load.data.addressees.length > 0 ? <AskForm caseId={caseId} addressees={load.data.addressees} onSent={refresh} /> : <p className="muted">{t('requestNobodyToAsk')}</p>}
          {(load.data.parties.length > 0 || load.data.authorities.length > 0) && (
            <section aria-labelledby={`${id}-p`}>
              <h3 id={`${id}-p`}>{t('requestPartiesHeading')}</h3>
              {load.data.parties.length === 0 ? <p className="muted">{t('requestNoParties')}</p> : <ul>{load.data.parties.map((p) => <li key={p.orgId}>{p.name}</li>)}</ul>}
              {load.data.authorities.length > 0 && <AddPartyForm caseId={caseId} authorities={load.data.authorities} onAdded={refresh} />}
            </section>
          )}
        </>
      )}
    </section>
  );
}
