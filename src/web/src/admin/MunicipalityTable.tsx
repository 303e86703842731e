import { t, tf } from '../i18n.ts';
import { useStackedLabels } from './stacked.ts';
import type { Directory } from './types.ts';

interface Props {
  directory: Directory;
  selected: string | null;
  onSelect(orgId: string): void;
}

export function MunicipalityTable({ directory, selected, onSelect }: Props) {
  const stacked = useStackedLabels<HTMLTableElement>();
  const names = new Map(directory.organisations.map((o) => [o.orgId, o.name]));
  // "Mottagningen barn och unga, Nacka" is shown as "Mottagningen barn och unga" in Nacka's row;
  // its accessible name stays the full name.
  const orgButton = (orgId: string, municipality?: string) => {
    const name = names.get(orgId) ?? orgId;
    const suffix = municipality ? `, ${municipality}` : null;
    const short = suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
    return (
      <button
        type="button"
        className="link"
        aria-pressed={selected === orgId}
        aria-label={short === name ? undefined : name}
        title={tf('showOrganisation', { name })}
        onClick={() => onSelect(orgId)}
      >
        {short}
      </button>
    );
  };
  return (
    <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('municipalitiesCaption') })} tabIndex={0}>
      <table className="data munis stacked" ref={stacked}>
        <caption>{t('municipalitiesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colCode')}</th>
            <th scope="col">{t('colMunicipality')}</th>
            <th scope="col">{t('colIntake')}</th>
            <th scope="col">{t('colJour')}</th>
            <th scope="col">{t('colAgreementInForce')}</th>
          </tr>
        </thead>
        <tbody>
          {directory.municipalities
            .filter((m) => m.inCounty)
            .map((m) => (
              <tr key={m.code}>
                <td>{m.code}</td>
                <th scope="row">{m.name}</th>
                <td>{m.intakeOrgId ? orgButton(m.intakeOrgId, m.name) : t('none')}</td>
                <td>
                  {m.jourOrgIds.length === 0
                    ? t('none')
                    : m.jourOrgIds.map((id) => (
                        <span key={id} className="stack">
                          {orgButton(id)}
                        </span>
                      ))}
                </td>
                <td>{m.agreementInForce ? t('yes') : t('no')}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
