// Make another authority (SiS) party to a case. That discloses the case's identity to it (case
// number, the child's initials and birth year), so the social services pick the legal ground from
// the admins' list, as when asking; the server records the disclosure in the register.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, client, ok } from '../api.ts';
import { t } from '../i18n.ts';
import type { CaseRequests, LegalGround } from './types.ts';

export function AddPartyForm({ caseId, authorities, onAdded }: { caseId: string; authorities: CaseRequests['authorities']; onAdded(): void }) {
  const id = useId().replace(/:/g, '');
  const [grounds, setGrounds] = useState<LegalGround[]>([]);
  const [orgId, setOrgId] = useState(authorities[0]?.orgId ?? '');
  const [ground, setGround] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ok(client.GET('/api/v1/legal-grounds')).then(
      (d: { legalGrounds: LegalGround[] }) => setGrounds(d.legalGrounds.filter((g) => !g.retiredAt)),
      () => setGrounds([]),
    );
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await ok(client.POST('/api/v1/cases/{id}/parties', { params: { path: { id: caseId } }, body: { orgId, legalGroundId: ground } }));
      onAdded();
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      setError([problem?.detail ?? (err as Error).message, ...(problem?.errors ?? []).map((f) => f.message)].join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action-form party-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('requestAddPartyHeading')}</h4>
      <p id={`${id}-hint`} className="muted hint">
        {t('requestAddPartyHint')}
      </p>
      <label htmlFor={`${id}-org`}>{t('requestPartyAuthority')}</label>
      <select id={`${id}-org`} value={orgId} onChange={(e) => setOrgId(e.target.value)}>
        {authorities.map((a) => (
          <option key={a.orgId} value={a.orgId}>
            {a.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-ground`}>{t('requestPartyGround')}</label>
      <select
        id={`${id}-ground`}
        value={ground}
        aria-describedby={`${id}-hint`}
        aria-invalid={error && !ground ? true : undefined}
        onChange={(e) => setGround(e.target.value)}
      >
        {/* No default: the ground is a choice the handler makes, not one the form makes for them. */}
        <option value="">{t('requestPartyChooseGround')}</option>
        {grounds.map((g) => (
          <option key={g.id} value={g.id}>
            {g.citation}
          </option>
        ))}
      </select>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('requestAddParty')}
      </button>
    </form>
  );
}
