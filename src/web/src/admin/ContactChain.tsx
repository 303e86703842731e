import { t } from '../i18n.ts';
import type { ContactPoint } from './types.ts';

/** "08-465 004 12" → "tel:+46846500412" */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('+') ? digits : digits.startsWith('0') ? `+46${digits.slice(1)}` : digits}`;
}

export function ContactChain({ contacts }: { contacts: ContactPoint[] }) {
  if (contacts.length === 0) return <p>{t('noContacts')}</p>;
  return (
    <>
      <p className="muted">{t('contactChainIntro')}</p>
      <ol className="chain">
        {contacts.map((c, i) => (
          <li key={i}>
            <span className="chain-label">{c.label}</span>
            <a href={telHref(c.phone)}>{c.phone}</a>
            {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
          </li>
        ))}
      </ol>
    </>
  );
}
