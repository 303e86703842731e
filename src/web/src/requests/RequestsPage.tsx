// "Förfrågningar": the inbox of the reader's organisation (to us, from us, all), live, with a
// countdown on each waiting request. Works on a phone: one column of cards, big buttons. Another
// authority (SiS) also sees the cases it is party to, and asks about one from here.
import { useState } from 'react';
import { LoadState } from '../admin/LoadState.tsx';
import { client, ok } from '../api.ts';
import { useLoad } from '../admin/useLoad.ts';
import { useNow } from '../cases/clocks.ts';
import { useLiveRefresh } from '../cases/live.ts';
import { t, tf } from '../i18n.ts';
import type { Session } from '../session.ts';
import { CaseRequests } from './CaseRequests.tsx';
import { RequestCard } from './RequestCard.tsx';
import type { Request } from './types.ts';

type Box = 'incoming' | 'outgoing' | 'all';

export function RequestsPage({ session, onOpenCase }: { session: Session; onOpenCase(id: string): void }) {
  const [box, setBox] = useState<Box>('incoming');
  const [openOnly, setOpenOnly] = useState(false);
  const [round, setRound] = useState(0);
  const refresh = () => setRound((r) => r + 1);
  const { load, reload } = useLoad<{ requests: Request[] }>(
    `/api/v1/information-requests?box=${box}&state=${openOnly ? 'open' : 'all'}`,
    () => ok(client.GET('/api/v1/information-requests', { params: { query: { box, state: openOnly ? 'open' : 'all' } } })),
    round,
  );
  const mode = useLiveRefresh(refresh);
  const now = useNow(15_000);
  const authority = session.user.role === 'authority.liaison';
  return (
    <>
      <h1>{t('navRequests')}</h1>
      <p className="muted">{t('requestsIntro')}</p>
      <p className="muted" role="status">
        {mode === 'live' ? t('liveOn') : t('livePolling')}
      </p>
      <div className="filters">
        <label htmlFor="requests-box">{t('requestsBox')}</label>
        <select id="requests-box" value={box} onChange={(e) => setBox(e.target.value as Box)}>
          <option value="incoming">{t('requestsBoxIncoming')}</option>
          <option value="outgoing">{t('requestsBoxOutgoing')}</option>
          <option value="all">{t('requestsBoxAll')}</option>
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> {t('requestsOpenOnly')}
        </label>
      </div>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' &&
        (load.data.requests.length === 0 ? (
          <p className="empty">{t('requestsEmpty')}</p>
        ) : (
          <ul className="case-cards">
            {load.data.requests.map((r) => (
              <RequestCard key={r.id} request={r} now={now} onChanged={refresh} {...(authority ? {} : { onOpenCase })} />
            ))}
          </ul>
        ))}
      {authority && <PartyCases />}
    </>
  );
}

/** For another authority: the cases it is party to, each with its requests and a form to ask. */
function PartyCases() {
  const { load, reload } = useLoad<{ cases: { caseId: string; caseNumber: string; initials: string | null; birthYear: number | null }[] }>('/api/v1/party-cases', () =>
    ok(client.GET('/api/v1/party-cases')),
  );
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="party-cases-h">
      <h2 id="party-cases-h">{t('requestPartyCases')}</h2>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' &&
        (load.data.cases.length === 0 ? (
          <p className="muted">{t('requestsEmpty')}</p>
        ) : (
          <ul className="case-cards">
            {load.data.cases.map((c) => (
              <li key={c.caseId} className="case-card">
                <button type="button" className="linkish" aria-expanded={open === c.caseId} onClick={() => setOpen(open === c.caseId ? null : c.caseId)}>
                  {tf('requestCaseLine', { number: c.caseNumber })}
                </button>
                <span className="muted">{c.initials ? tf('requestChildLine', { initials: c.initials, year: c.birthYear ?? '–' }) : t('requestChildProtected')}</span>
                {open === c.caseId && <CaseRequests caseId={c.caseId} />}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
