import { t } from '../i18n.ts';
import type { Load } from './useLoad.ts';

/** Loading and error states shared by the admin screens; renders nothing once data is ready. */
export function LoadState<T>({ load, onRetry }: { load: Load<T>; onRetry(): void }) {
  if (load.state === 'loading') {
    return (
      <p role="status" aria-live="polite">
        {t('loading')}
      </p>
    );
  }
  if (load.state === 'error') {
    return (
      <div role="alert" className="error-box">
        <p className="error">
          {t('loadFailed')} {load.message}
        </p>
        <button type="button" className="secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  return null;
}
