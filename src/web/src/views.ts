// The app's screens and their addresses. Addresses and titles name a screen, never a person: a
// case is addressed by its uuid only (/arende/<uuid>), never by a name or personnummer.
import type { UiKey } from '../../shared/messages.ts';
import type { Role } from '../../shared/roles.ts';
import { roleCan } from './permissions.ts';

export type View =
  | 'start'
  | 'directory'
  | 'agreements'
  | 'coverage'
  | 'escalation'
  | 'deliveries'
  | 'users'
  | 'approvals'
  | 'report'
  | 'myReports'
  | 'queue'
  | 'overview'
  | 'incoming'
  | 'audit'
  | 'statistics'
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
  report: '/ny-anmalan',
  myReports: '/mina-anmalningar',
  queue: '/ko',
  overview: '/oversikt',
  incoming: '/inkommande',
  audit: '/granskning',
  statistics: '/statistik',
  case: '/arende',
};

export const viewLabels: Record<View, UiKey> = {
  start: 'navStart',
  directory: 'navDirectory',
  agreements: 'navAgreements',
  coverage: 'navCoverage',
  escalation: 'navEscalation',
  deliveries: 'navDeliveries',
  users: 'navUsers',
  approvals: 'navApprovals',
  report: 'navReport',
  myReports: 'navMyReports',
  queue: 'navQueue',
  overview: 'navOverview',
  incoming: 'navIncoming',
  audit: 'navAudit',
  statistics: 'navStatistics',
  case: 'navCase',
};

/** A screen, and for the case screen the case's uuid. */
export interface Route {
  view: View;
  caseId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The screens a role may open. The case screen is reached from a list, not from the menu. */
export function viewsFor(role: Role): View[] {
  if (role === 'admin') return ['start', 'directory', 'agreements', 'coverage', 'escalation', 'deliveries', 'users', 'approvals'];
  if (role === 'police.reporter') return ['start', 'report', 'myReports', 'case'];
  if (role === 'hub.handler' || role === 'hub.supervisor') {
    return [
      'start',
      'queue',
      ...(role === 'hub.supervisor' ? (['overview'] as const) : []),
      'case',
      ...(roleCan(role, 'coverage.read') ? (['coverage'] as const) : []),
      ...(roleCan(role, 'access.approve') ? (['approvals'] as const) : []),
    ];
  }
  if (role === 'auditor') return ['start', 'audit'];
  if (role === 'municipality.intake' || role === 'municipality.manager') {
    return [
      'start',
      'incoming',
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

/** The views shown in the main menu. */
export function menuViews(views: View[]): View[] {
  return views.filter((v) => v !== 'case');
}

/** The role's main screen, which the start page points to. */
export function mainViewFor(role: Role): View | null {
  const views = viewsFor(role);
  return (['report', 'queue', 'incoming'] as const).find((v) => views.includes(v)) ?? null;
}

export function pathOf(route: Route): string {
  return route.view === 'case' && route.caseId ? `${viewPaths.case}/${route.caseId}` : viewPaths[route.view];
}

export function routeFromPath(pathname: string, allowed: View[]): Route {
  const caseMatch = /^\/arende\/([^/]+)$/.exec(pathname);
  if (caseMatch && allowed.includes('case') && UUID.test(caseMatch[1] ?? '')) return { view: 'case', caseId: caseMatch[1]!.toLowerCase() };
  const found = (Object.keys(viewPaths) as View[]).find((v) => v !== 'case' && viewPaths[v] === pathname);
  return { view: found && allowed.includes(found) ? found : 'start', caseId: null };
}

/** Kept for callers that only need the screen. */
export function viewFromPath(pathname: string, allowed: View[]): View {
  return routeFromPath(pathname, allowed).view;
}
