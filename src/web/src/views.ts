// The app's screens and their addresses (src/shared/views.ts, shared with the server), and how the
// web app names them.
import type { UiKey } from '../../shared/messages.ts';
import type { Role } from '../../shared/role-names.ts';
import { routeFromPath, viewPaths, viewsFor, type Route, type View } from '../../shared/views.ts';

export { routeFromPath, viewPaths, viewsFor, type Route, type View } from '../../shared/views.ts';

export const viewLabels: Record<View, UiKey> = {
  start: 'navStart',
  directory: 'navDirectory',
  agreements: 'navAgreements',
  coverage: 'navCoverage',
  escalation: 'navEscalation',
  deliveries: 'navDeliveries',
  users: 'navUsers',
  approvals: 'navApprovals',
  legalGrounds: 'navLegalGrounds',
  report: 'navReport',
  myReports: 'navMyReports',
  queue: 'navQueue',
  overview: 'navOverview',
  incoming: 'navIncoming',
  audit: 'navAudit',
  disclosures: 'navDisclosures',
  statistics: 'navStatistics',
  requests: 'navRequests',
  case: 'navCase',
};

/** The views shown in the main menu. */
export function menuViews(views: View[]): View[] {
  return views.filter((v) => v !== 'case');
}

/** The role's main screen, which the start page points to. */
export function mainViewFor(role: Role): View | null {
  const views = viewsFor(role);
  return (['report', 'queue', 'incoming', 'requests'] as const).find((v) => views.includes(v)) ?? null;
}

export function pathOf(route: Route): string {
  return route.view === 'case' && route.caseId ? `${viewPaths.case}/${route.caseId}` : viewPaths[route.view];
}

/** Kept for callers that only need the screen. */
export function viewFromPath(pathname: string, allowed: View[]): View {
  return routeFromPath(pathname, allowed).view;
}
