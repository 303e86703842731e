// Words for what the audit log records: organisations by name, actions, subjects and detail
// fields from the catalogue (auditText), times in Stockholm. A code the catalogue lacks is shown
// as a generic word, never as the code.
import { auditText, type UiKey } from '../../../shared/messages.ts';
import { municipalityName } from '../../../shared/municipalities.ts';
import { roleLabels, type Role } from '../../../shared/role-names.ts';
import { formatInstant } from '../admin/time.ts';
import { clockLabel } from '../cases/clocks.ts';
import { eventLabel } from '../cases/labels.ts';
import { t, tf } from '../i18n.ts';

const words = auditText.sv;

export function orgLabel(orgId: string | null): string {
  if (!orgId) return t('unknownOrg');
  if (orgId === 'hub') return t('orgHub');
  if (orgId.startsWith('police')) return t('orgPolice');
  const intake = /^intake-(\d{4})$/.exec(orgId);
  if (intake) return tf('orgIntake', { name: municipalityName(intake[1]!) ?? intake[1]! });
  const kommun = /^kommun-(\d{4})$/.exec(orgId);
  if (kommun) return tf('orgMunicipality', { name: municipalityName(kommun[1]!) ?? kommun[1]! });
  const jour = /^jour-(.+)$/.exec(orgId);
  if (jour) return tf('orgJour', { id: jour[1]! });
  return orgId;
}

export function actionLabel(action: string): string {
  const listed = words.actions[action];
  if (listed) return listed;
  if (action.startsWith('case.')) {
    const label = eventLabel(action.slice(5));
    if (label !== action.slice(5)) return label;
  }
  return words.other;
}

export function subjectLabel(type: string | null): string {
  return type ? (words.subjects[type] ?? words.otherField) : t('none');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ORG_ID = /^(hub|police-[a-z0-9-]+|intake-\d{4}|kommun-\d{4}|jour-[a-z0-9-]+)$/;

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined) return t('none');
  if (Array.isArray(value) && value.length === 0) return words.empty;
  // Which cases a list showed: how many (the ids are in the log for whoever needs them).
  if (key === 'caseIds' && Array.isArray(value)) return value.length === 1 ? words.oneCase : words.cases.replace('{n}', String(value.length));
  if (key === 'hiddenFields' && Array.isArray(value)) return words.hidden.replace('{n}', String(value.length));
  if (key === 'sections' && Array.isArray(value)) {
    return value
      .map((v) => words.sections[String(v)])
      .filter(Boolean)
      .join(', ');
  }
  if (typeof value === 'boolean') return value ? t('auditYes') : t('auditNo');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (key === 'fields') return words.fields[value] ?? words.otherField;
    if (['to', 'from', 'toStatus', 'fromStatus'].includes(key) && words.statuses[value]) return words.statuses[value];
    // Keyed person references are pseudonyms: shown shortened, never as a number.
    if (key === 'person') return `${value.slice(0, 10)}…`;
    if (key === 'clock') return clockLabel(value);
    if (key === 'kinds') return t(`kind.${value}` as UiKey);
    // A row's id says nothing to a reader; its first characters are enough to tell two apart.
    if (UUID.test(value)) return `${value.slice(0, 8)}…`;
    if ((key === 'method' || key === 'mfa') && words.values[value]) return words.values[value];
    if (key === 'role' || key === 'actorRole') return roleLabels[value as Role] ?? value;
    if ((key.endsWith('MunicipalityCode') || key === 'municipalityCode' || key === 'municipality') && /^\d{4}$/.test(value)) return municipalityName(value) ?? value;
    if (ISO_INSTANT.test(value)) return formatInstant(value);
    if (ORG_ID.test(value)) return orgLabel(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => valueText(key, v)).join(', ');
  return `(${detailsText(value as Record<string, unknown>)})`;
}

/** "Skäl: …; Tidsfrist: Ta ärendet" from an entry's details. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${words.fields[k] ?? words.otherField}: ${valueText(k, v)}`)
    .join('; ');
}
