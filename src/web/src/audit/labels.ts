// Words for what the audit log records: organisations by id, case actions in Swedish.
import { municipalityName } from '../../../shared/municipalities.ts';
import { eventLabel } from '../cases/labels.ts';
import { t, tf } from '../i18n.ts';

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
  if (action === 'case.read') return t('auditCaseRead');
  if (action === 'case.read_protected') return t('auditCaseReadProtected');
  if (action === 'case.received') return t('evReceive');
  if (action.startsWith('case.')) {
    const label = eventLabel(action.slice(5));
    if (label !== action.slice(5)) return label;
  }
  return action;
}
