// The web app's screens, their addresses and who may open them, shared with the server: when it
// answers a navigation it tells the browser to fetch the screen's code and data at once
// (src/http/web.ts). Addresses name a screen, never a person: a case is addressed by its uuid
// only (/arende/<uuid>), never by a name or personnummer.
import { permissions, type Permission } from './permissions.ts';
import type { Role } from './role-names.ts';

export type View =
  | 'start'
  | 'directory'
  | 'agreements'
  | 'coverage'
  | 'escalation'
  | 'deliveries'
  | 'users'
  | 'approvals'
  | 'legalGrounds'
  | 'report'
  | 'myReports'
  | 'queue'
  | 'overview'
  | 'incoming'
  | 'audit'
  | 'disclosures'
  | 'statistics'
  | 'requests'
  | 'case';

export const viewPaths: Record<View, string> = {
  start: '/',
  directory: '/katalog',
  agreements: '/avtal',
  coverage: '/tackning',
  escalation: '/eskalering',
  deliveries: '/utskick',
  users: '/anvandare',
  approvals: '/godkannanden',
  legalGrounds: '/rattsliga-grunder',
  report: '/ny-anmalan',
  myReports: '/mina-anmalningar',
  queue: '/ko',
  overview: '/oversikt',
  incoming: '/inkommande',
  audit: '/granskning',
  disclosures: '/utlamnanden',
  statistics: '/statistik',
  requests: '/forfragningar',
  case: '/arende',
};

/** A screen, and for the case screen the case's uuid. */
export interface Route {
  view: View;
  caseId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function roleCan(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

/** The screens a role may open. The case screen is reached from a list, not from the menu. */
export function viewsFor(role: Role): View[] {
  if (role === 'admin') {
    return ['start', 'directory', 'agreements', 'coverage', 'escalation', 'deliveries', 'users', 'approvals', ...(roleCan(role, 'legal_grounds.manage') ? (['legalGrounds'] as const) : [])];
  }
  if (role === 'police.reporter') return ['start', 'report', 'myReports', 'requests', 'case'];
  // Another authority (SiS) works only with the requests its organisation is part of.
  if (role === 'authority.liaison') return ['start', 'requests'];
  if (role === 'hub.handler' || role === 'hub.supervisor') {
    return [
      'start',
      'queue',
      ...(role === 'hub.supervisor' ? (['overview'] as const) : []),
      'requests',
      'case',
      ...(roleCan(role, 'coverage.read') ? (['coverage'] as const) : []),
      ...(roleCan(role, 'access.approve') ? (['approvals'] as const) : []),
    ];
  }
  if (role === 'auditor') return ['start', 'audit', ...(roleCan(role, 'disclosures.read') ? (['disclosures'] as const) : [])];
  if (role === 'municipality.intake' || role === 'municipality.manager') {
    return [
      'start',
      'incoming',
      'requests',
      'case',
      ...(roleCan(role, 'coverage.read') ? (['coverage'] as const) : []),
      ...(roleCan(role, 'statistics.read') ? (['statistics'] as const) : []),
      ...(roleCan(role, 'access.approve') ? (['approvals'] as const) : []),
    ];
  }
  if (role === 'analyst') return ['start', 'statistics'];
  if (roleCan(role, 'coverage.read')) return ['start', 'coverage'];
  return ['start'];
}

export function routeFromPath(pathname: string, allowed: View[]): Route {
  const caseMatch = /^\/arende\/([^/]+)$/.exec(pathname);
  if (caseMatch && allowed.includes('case') && UUID.test(caseMatch[1] ?? '')) return { view: 'case', caseId: caseMatch[1]!.toLowerCase() };
  const found = (Object.keys(viewPaths) as View[]).find((v) => v !== 'case' && viewPaths[v] === pathname);
  return { view: found && allowed.includes(found) ? found : 'start', caseId: null };
}

/** The hub's queue as the queue and overview screens read it (the same address, so a preload is used). */
export const HUB_QUEUE_PATH = '/api/v1/cases?status=open&order=attention&limit=200';

/**
 * What a screen needs first, for the server to have the browser fetch it in parallel with the
 * app's own code: the screen's module (its source path under src/web, as the build manifest names
 * it; src/web/src/pages.ts imports the same files) and the API reads it starts with.
 */
export const viewNeeds: Partial<Record<View, { module: string; reads: readonly string[] }>> = {
  report: { module: 'src/police/ReportForm.tsx', reads: [] },
  myReports: { module: 'src/police/MyReports.tsx', reads: ['/api/v1/cases?status=all'] },
  queue: { module: 'src/hub/QueuePage.tsx', reads: [HUB_QUEUE_PATH] },
  overview: { module: 'src/hub/OverviewPage.tsx', reads: [HUB_QUEUE_PATH] },
  incoming: { module: 'src/municipality/IncomingPage.tsx', reads: ['/api/v1/cases?status=open&limit=200'] },
  case: { module: 'src/cases/CasePage.tsx', reads: [] },
  directory: { module: 'src/admin/DirectoryPage.tsx', reads: [] },
  agreements: { module: 'src/admin/AgreementsPage.tsx', reads: [] },
  coverage: { module: 'src/admin/CoveragePage.tsx', reads: [] },
  escalation: { module: 'src/admin/EscalationPage.tsx', reads: [] },
  deliveries: { module: 'src/admin/DeliveriesPage.tsx', reads: [] },
  users: { module: 'src/admin/UsersPage.tsx', reads: [] },
  approvals: { module: 'src/admin/ApprovalsPage.tsx', reads: [] },
  legalGrounds: { module: 'src/admin/LegalGroundsPage.tsx', reads: ['/api/v1/legal-grounds'] },
  audit: { module: 'src/audit/AuditPage.tsx', reads: [] },
  disclosures: { module: 'src/audit/DisclosuresPage.tsx', reads: ['/api/v1/disclosures/organisations'] },
  statistics: { module: 'src/statistics/StatisticsPage.tsx', reads: [] },
  requests: { module: 'src/requests/RequestsPage.tsx', reads: [] },
};
