import { TextArea } from '../cases/fields.tsx';
import { t } from '../i18n.ts';

interface Props {
  id: string;
  reason: string;
  onReason(value: string): void;
  error?: string;
  busy: boolean;
  saved: boolean;
  saveLabel: string;
  savedLabel: string;
}

/** The end of every directory edit form: the required reason (kept in the history), save, and a polite "saved". */
export function ReasonAndSave({ id, reason, onReason, error, busy, saved, saveLabel, savedLabel }: Props) {
  return (
    <>
      <TextArea id={`${id}-reason`} label={t('reason')} hint={t('reasonHint')} required rows={2} maxLength={500} value={reason} onChange={onReason} error={error} />
      <div>
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : saveLabel}
        </button>
      </div>
      <p role="status" className="saved">
        {saved ? savedLabel : ''}
      </p>
    </>
  );
}
