// "Godkännanden": grants of access waiting for a second person (src/policies/access-requests.ts).
// An admin sees every pending request; a hub supervisor or municipality manager those they may
// decide. One's own request is listed without buttons: somebody else decides it.
import { useState } from 'react';
import type { z } from 'zod';
import type { AccessRequestDto } from '../../../shared/api/users.ts';
import { roleLabels } from '../../../shared/role-names.ts';
import { client, ok } from '../api.ts';
import { errorText } from '../cases/caseApi.ts';
import { t, tf } from '../i18n.ts';
import { LoadState } from './LoadState.tsx';
import { formatInstant } from './time.ts';
import { useLoad } from './useLoad.ts';

type AccessRequest = z.infer<typeof AccessRequestDto>;

export function ApprovalsPage() {
  const { load, reload } = useLoad<{ requests: AccessRequest[] }>('access-requests', () => ok(client.GET('/api/v1/access-requests')));
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(r: AccessRequest, decision: 'approve' | 'reject') {
    setError(null);
    setBusy(r.id);
    try {
      await ok(client.POST(`/api/v1/access-requests/{id}/${decision}`, { params: { path: { id: r.id } } }));
      setStatus(tf(decision === 'approve' ? 'requestApproved' : 'requestRejected', { name: r.displayName }));
      reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const requests = load.state === 'ready' ? load.data.requests : [];
  return (
    <>
      <h1>{t('navApprovals')}</h1>
      <p>{t('approvalsIntro')}</p>
      <p role="status" className="saved">
        {status}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && requests.length === 0 && <p className="empty">{t('approvalsNone')}</p>}
      {requests.length > 0 && (
        <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('approvalsCaption') })} tabIndex={0}>
          <table className="data">
            <caption>{t('approvalsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colRequest')}</th>
                <th scope="col">{t('colRole')}</th>
                <th scope="col">{t('colOrganisation')}</th>
                <th scope="col">{t('colRequestedBy')}</th>
                <th scope="col">{t('colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.displayName}
                    <span className="stack muted">
                      <code>{r.username}</code> · {r.email ?? '–'}
                    </span>
                  </th>
                  <td>{r.current ? tf('requestChange', { role: roleLabels[r.current.role], email: r.current.email ?? '–' }) : t('requestCreate')}</td>
                  <td>{roleLabels[r.role]}</td>
                  <td>{r.organisation.name}</td>
                  <td>
                    {r.requestedBy.id === null ? t('requestedAtFirstLogin') : r.requestedBy.name}
                    <span className="stack muted">{formatInstant(r.requestedAt)}</span>
                  </td>
                  <td>
                    {r.mayDecide ? (
                      <div className="row-actions tight">
                        <button type="button" disabled={busy === r.id} onClick={() => void decide(r, 'approve')}>
                          {t('approve')}
                          <span className="sr-only"> {r.displayName}</span>
                        </button>
                        <button type="button" className="secondary" disabled={busy === r.id} onClick={() => void decide(r, 'reject')}>
                          {t('reject')}
                          <span className="sr-only"> {r.displayName}</span>
                        </button>
                      </div>
                    ) : (
                      <span className="muted">{t('ownRequest')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
