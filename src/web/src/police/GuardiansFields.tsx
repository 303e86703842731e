// Guardians and their contact details, if known: up to four, added one at a time.
import { useId } from 'react';
import { TextField } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';
import type { GuardianDraft } from './draft.ts';

interface Props {
  idOf(path: string): string;
  guardians: GuardianDraft[];
  errors: Record<string, string>;
  onChange(guardians: GuardianDraft[]): void;
}

export function GuardiansFields({ idOf, guardians, errors, onChange }: Props) {
  const heading = useId();
  const update = (i: number, key: keyof GuardianDraft, value: string) => onChange(guardians.map((g, j) => (j === i ? { ...g, [key]: value } : g)));
  return (
    <section className="form-section" aria-labelledby={heading}>
      <h2 id={heading}>{t('sectionGuardians')}</h2>
      {guardians.length === 0 && <p className="muted">{t('noGuardians')}</p>}
      {guardians.map((g, i) => (
        <fieldset key={i} className="contact-row">
          <legend>{tf('guardianN', { n: i + 1 })}</legend>
          <TextField id={idOf(`guardians.${i}.name`)} label={t('guardianName')} required value={g.name} onChange={(v) => update(i, 'name', v)} error={errors[`guardians.${i}.name`]} />
          <TextField
            id={idOf(`guardians.${i}.relation`)}
            label={t('guardianRelation')}
            required
            value={g.relation}
            onChange={(v) => update(i, 'relation', v)}
            error={errors[`guardians.${i}.relation`]}
          />
          <TextField
            id={idOf(`guardians.${i}.phone`)}
            type="tel"
            inputMode="tel"
            label={t('guardianPhone')}
            value={g.phone}
            onChange={(v) => update(i, 'phone', v)}
            error={errors[`guardians.${i}.phone`]}
          />
          <TextField id={idOf(`guardians.${i}.address`)} label={t('guardianAddress')} value={g.address} onChange={(v) => update(i, 'address', v)} error={errors[`guardians.${i}.address`]} />
          <div className="row-actions">
            <button type="button" className="secondary danger" onClick={() => onChange(guardians.filter((_, j) => j !== i))}>
              {tf('removeGuardian', { n: i + 1 })}
            </button>
          </div>
        </fieldset>
      ))}
      {guardians.length < 4 && (
        <button type="button" className="secondary" onClick={() => onChange([...guardians, { name: '', relation: '', phone: '', address: '' }])}>
          {t('addGuardian')}
        </button>
      )}
    </section>
  );
}
