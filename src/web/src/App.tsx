import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import { IdleWarning } from './IdleWarning.tsx';
import { LoginPage } from './LoginPage.tsx';
import { clearReportDraft } from './police/draft.ts';
import { fetchSession, logOut, type Session } from './session.ts';
import { Shell } from './Shell.tsx';
import { StartPage } from './StartPage.tsx';
import { t } from './i18n.ts';
import { menuViews, pathOf, routeFromPath, viewLabels, viewsFor, type Route, type View } from './views.ts';

// Each role area is its own chunk: a police phone loads the report form, not the hub or admin code.
const DirectoryPage = lazy(() => import('./admin/DirectoryPage.tsx').then((m) => ({ default: m.DirectoryPage })));
const AgreementsPage = lazy(() => import('./admin/AgreementsPage.tsx').then((m) => ({ default: m.AgreementsPage })));
const CoveragePage = lazy(() => import('./admin/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage })));
const EscalationPage = lazy(() => import('./admin/EscalationPage.tsx').then((m) => ({ default: m.EscalationPage })));
const DeliveriesPage = lazy(() => import('./admin/DeliveriesPage.tsx').then((m) => ({ default: m.DeliveriesPage })));
const ApprovalsPage = lazy(() => import('./admin/ApprovalsPage.tsx').then((m) => ({ default: m.ApprovalsPage })));
const SetPasswordPage = lazy(() => import('./SetPasswordPage.tsx').then((m) => ({ default: m.SetPasswordPage })));
const UsersPage = lazy(() => import('./admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const OverviewPage = lazy(() => import('./hub/OverviewPage.tsx').then((m) => ({ default: m.OverviewPage })));
const AuditPage = lazy(() => import('./audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const ReportForm = lazy(() => import('./police/ReportForm.tsx').then((m) => ({ default: m.ReportForm })));
const MyReports = lazy(() => import('./police/MyReports.tsx').then((m) => ({ default: m.MyReports })));
const QueuePage = lazy(() => import('./hub/QueuePage.tsx').then((m) => ({ default: m.QueuePage })));
const IncomingPage = lazy(() => import('./municipality/IncomingPage.tsx').then((m) => ({ default: m.IncomingPage })));
const StatisticsPage = lazy(() => import('./statistics/StatisticsPage.tsx').then((m) => ({ default: m.StatisticsPage })));
const CasePage = lazy(() => import('./cases/CasePage.tsx').then((m) => ({ default: m.CasePage })));

interface SystemInfo {
  demoMode: boolean;
  oidc?: boolean;
}

const START: Route = { view: 'start', caseId: null };

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [route, setRoute] = useState<Route>(START);
  const [notice, setNotice] = useState<string | null>(null);
  // An invitation or reset link (/konto/losenord#<token>) opens its page whether or not anyone is logged in here.
  const [settingPassword, setSettingPassword] = useState(() => window.location.pathname === '/konto/losenord');
  const views = session ? viewsFor(session.user.role) : [];

  useEffect(() => {
    void fetchSession().then(setSession);
    void api<SystemInfo>('GET', '/api/v1/system/info').then(setInfo, () => setInfo(null));
  }, []);

  // The address names the screen only (and a case by its uuid); back and forward move between screens.
  const role = session?.user.role;
  useEffect(() => {
    if (!role) return;
    const allowed = viewsFor(role);
    const sync = () => setRoute(routeFromPath(window.location.pathname, allowed));
    sync();
    window.addEventListener('popstate', sync);
    return () => window.removeEventListener('popstate', sync);
  }, [role]);

  useEffect(() => {
    document.title = session ? `${t(viewLabels[route.view])} – ${t('appName')}` : `${t('appName')} – ${t('loginHeading')}`;
  }, [session, route.view]);

  const go = useCallback((next: Route) => {
    const path = pathOf(next);
    if (window.location.pathname !== path) window.history.pushState(null, '', path);
    setRoute(next);
    // Move focus to the new screen's content so keyboard and screen reader users land there.
    requestAnimationFrame(() => document.getElementById('main')?.focus());
  }, []);
  const navigate = useCallback((view: View) => go({ view, caseId: null }), [go]);
  const openCase = useCallback((caseId: string) => go({ view: 'case', caseId }), [go]);

  const endSession = useCallback(async (why: string | null) => {
    // The report draft holds personal data: it never outlives the session in this browser.
    clearReportDraft();
    await logOut().catch(() => undefined);
    if (window.location.pathname !== '/') window.history.replaceState(null, '', '/');
    setRoute(START);
    setNotice(why);
    setSession(null);
  }, []);
  const onIdleExpired = useCallback(() => void endSession(t('loggedOutIdle')), [endSession]);

  if (session === undefined) {
    return (
      <main className="centered" aria-busy="true">
        <p>{t('loading')}</p>
      </main>
    );
  }

  if (settingPassword) {
    return (
      <Suspense fallback={<p role="status">{t('loading')}</p>}>
        <SetPasswordPage
          onDone={() => {
            window.history.replaceState(null, '', '/');
            setSettingPassword(false);
          }}
        />
      </Suspense>
    );
  }

  if (session === null || session.mfaRequired) {
    return (
      <LoginPage
        demoMode={info?.demoMode ?? false}
        oidc={info?.oidc ?? false}
        pending={session?.mfaRequired ? session : null}
        notice={notice}
        onLoggedIn={(s) => {
          setNotice(null);
          setSession(s);
        }}
        onCancel={() => void endSession(null)}
      />
    );
  }
  const current: Route = views.includes(route.view) && (route.view !== 'case' || route.caseId) ? route : START;
  const view = current.view;
  return (
    <Shell session={session} views={menuViews(views)} view={view === 'case' ? null : view} onNavigate={navigate} onLogOut={() => void endSession(null)}>
      <IdleWarning warningSeconds={session.warningSeconds} onExpired={onIdleExpired} />
      <Suspense
        fallback={
          <p role="status" aria-live="polite">
            {t('loading')}
          </p>
        }
      >
        {view === 'start' && <StartPage session={session} onNavigate={navigate} />}
        {view === 'directory' && <DirectoryPage role={session.user.role} />}
        {view === 'approvals' && <ApprovalsPage />}
        {view === 'agreements' && <AgreementsPage role={session.user.role} />}
        {view === 'coverage' && <CoveragePage />}
        {view === 'report' && <ReportForm session={session} onOpenCase={openCase} />}
        {view === 'myReports' && <MyReports orgId={session.user.organisation.id} onOpenCase={openCase} />}
        {view === 'queue' && <QueuePage session={session} onOpenCase={openCase} />}
        {view === 'incoming' && <IncomingPage onOpenCase={openCase} myOrgId={session.user.organisation.id} />}
        {view === 'overview' && <OverviewPage onOpenCase={openCase} />}
        {view === 'audit' && <AuditPage />}
        {view === 'statistics' && <StatisticsPage session={session} />}
        {view === 'escalation' && <EscalationPage />}
        {view === 'deliveries' && <DeliveriesPage />}
        {view === 'users' && <UsersPage />}
        {view === 'case' && current.caseId && (
          <CasePage key={current.caseId} caseId={current.caseId} session={session} onBack={() => navigate(views.includes('queue') ? 'queue' : views.includes('incoming') ? 'incoming' : 'myReports')} />
        )}
      </Suspense>
    </Shell>
  );
}
