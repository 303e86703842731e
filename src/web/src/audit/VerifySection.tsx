// "Kontrollera loggens kedja": the server recomputes the hash chain; the answer in plain Swedish.
import { useState } from 'react';
import { ApiError, client, ok } from '../api.ts';
import { t, tf } from '../i18n.ts';
import type { ChainVerification } from './AuditPage.tsx';

export function VerifySection() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      setResult(await ok(client.GET('/api/v1/audit/verify')));
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card wide" aria-labelledby="verify-h">
      <h2 id="verify-h">{t('verifyHeading')}</h2>
      <p>{t('verifyIntro')}</p>
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {busy ? t('verifying') : t('verifyButton')}
      </button>
      <div role="status" aria-live="polite" className="verify-result">
        {result &&
          (result.intact ? (
            <p className="empty">{tf('verifyIntact', { n: result.rowsChecked })}</p>
          ) : (
            <>
              <p className="alert-banner">
                {tf(result.firstBroken?.kind === 'changed' ? 'verifyChanged' : 'verifyLinkBroken', { id: result.firstBroken?.id ?? '?' })}
              </p>
              <p>{tf('verifyRows', { n: result.rowsChecked })}</p>
            </>
          ))}
        {result && (
          <p className="muted">
            {t('verifyHead')} <code className="hash">{result.headHash}</code>
          </p>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
