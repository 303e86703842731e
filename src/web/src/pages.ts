// Each role's screens are chunks of their own: a police phone loads the report form, not the hub
// or admin code. A screen can be fetched before it is shown (main.tsx does so for the screen the
// address names, while the session is being read), and once fetched it renders at once instead
// of suspending: no loading text flashes and React's reveal delay is not paid on the first screen.
// The files are those of viewNeeds in src/shared/views.ts (the server preloads them).
import { createElement, lazy, type ComponentType, type FunctionComponent } from 'react';
import type { View } from '../../shared/views.ts';

export interface Page<P extends object> extends FunctionComponent<P> {
  load(): Promise<unknown>;
}

function page<P extends object>(load: () => Promise<ComponentType<P>>): Page<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchOnce = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(() => fetchOnce().then((component) => ({ default: component })));
  const Page = ((props: P) => createElement((loaded ?? Lazy) as ComponentType<P>, props)) as Page<P>;
  Page.load = fetchOnce;
  return Page;
}

export const DirectoryPage = page(() => import('./admin/DirectoryPage.tsx').then((m) => m.DirectoryPage));
export const AgreementsPage = page(() => import('./admin/AgreementsPage.tsx').then((m) => m.AgreementsPage));
export const CoveragePage = page(() => import('./admin/CoveragePage.tsx').then((m) => m.CoveragePage));
export const EscalationPage = page(() => import('./admin/EscalationPage.tsx').then((m) => m.EscalationPage));
export const DeliveriesPage = page(() => import('./admin/DeliveriesPage.tsx').then((m) => m.DeliveriesPage));
export const UsersPage = page(() => import('./admin/UsersPage.tsx').then((m) => m.UsersPage));
export const ApprovalsPage = page(() => import('./admin/ApprovalsPage.tsx').then((m) => m.ApprovalsPage));
export const LegalGroundsPage = page(() => import('./admin/LegalGroundsPage.tsx').then((m) => m.LegalGroundsPage));
export const SetPasswordPage = page(() => import('./SetPasswordPage.tsx').then((m) => m.SetPasswordPage));
export const OverviewPage = page(() => import('./hub/OverviewPage.tsx').then((m) => m.OverviewPage));
export const AuditPage = page(() => import('./audit/AuditPage.tsx').then((m) => m.AuditPage));
export const DisclosuresPage = page(() => import('./audit/DisclosuresPage.tsx').then((m) => m.DisclosuresPage));
export const ReportForm = page(() => import('./police/ReportForm.tsx').then((m) => m.ReportForm));
export const MyReports = page(() => import('./police/MyReports.tsx').then((m) => m.MyReports));
export const QueuePage = page(() => import('./hub/QueuePage.tsx').then((m) => m.QueuePage));
export const IncomingPage = page(() => import('./municipality/IncomingPage.tsx').then((m) => m.IncomingPage));
export const StatisticsPage = page(() => import('./statistics/StatisticsPage.tsx').then((m) => m.StatisticsPage));
export const RequestsPage = page(() => import('./requests/RequestsPage.tsx').then((m) => m.RequestsPage));
export const CasePage = page(() => import('./cases/CasePage.tsx').then((m) => m.CasePage));

const byView: Partial<Record<View, { load(): Promise<unknown> }>> = {
  directory: DirectoryPage,
  agreements: AgreementsPage,
  coverage: CoveragePage,
  escalation: EscalationPage,
  deliveries: DeliveriesPage,
  users: UsersPage,
  approvals: ApprovalsPage,
  legalGrounds: LegalGroundsPage,
  overview: OverviewPage,
  audit: AuditPage,
  disclosures: DisclosuresPage,
  report: ReportForm,
  myReports: MyReports,
  queue: QueuePage,
  incoming: IncomingPage,
  statistics: StatisticsPage,
  requests: RequestsPage,
  case: CasePage,
};

/** Fetches a screen's code (nothing for the start page, which is in the main chunk). */
export function loadPage(view: View): Promise<unknown> {
  return byView[view]?.load() ?? Promise.resolve();
}
