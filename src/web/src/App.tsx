import { Suspense, useCallback, useEffect, useState } from 'react';
import type { Locale } from '../../shared/messages.ts';
import { client, ok } from './api.ts';
import { applyLanguage, t } from './i18n.ts';
import { IdleWarning } from './IdleWarning.tsx';
import { LoginPage } from './LoginPage.tsx';
import {
  AgreementsPage,
  AuditPage,
  DisclosuresPage,
  CasePage,
  CoveragePage,
  DeliveriesPage,
  DirectoryPage,
  EscalationPage,
  IncomingPage,
  MyReports,
  OverviewPage,
  QueuePage,
  ReportForm,
  StatisticsPage,
  RequestsPage,
  UsersPage,
  ApprovalsPage,
  LegalGroundsPage,
  SetPasswordPage,
} from './pages.ts';
import { clearReportDraft } from './police/draft.ts';
import { logOut, type Session } from './session.ts';
import { Shell } from './Shell.tsx';
import { StartPage } from './StartPage.tsx';
import { menuViews, pathOf, routeFromPath, viewLabels, viewsFor, type Route, type View } from './views.ts';

interface SystemInfo {
  demoMode: boolean;
  oidc?: boolean;
}

const START: Route = { view: 'start', caseId: null };

/** The session as main.tsx read it before mounting (null: not logged in). */
export function App({ initialSession }: { initialSession: Session | null }) {
  const [session, setSession] = useState<Session | null>(initialSession);
  const [info, setInfo] = useState<SystemInfo | null>(null);
  // The screen the address names from the first render, so a reload of /ko draws the queue at once (not the start page first).
  const [route, setRoute] = useState<Route>(() => (initialSession && !initialSession.mfaRequired ? routeFromPath(window.location.pathname, viewsFor(initialSession.user.role)) : START));
  const [notice, setNotice] = useState<string | null>(null);
  // An invitation or reset link (/konto/losenord#<token>) opens its page whether or not anyone is logged in here.
  const [settingPassword, setSettingPassword] = useState(() => window.location.pathname === '/konto/losenord');
  const views = session ? viewsFor(session.user.role) : [];

  // Only the login page needs to know how the server runs (demo users, single sign-on).
  const loggedIn = Boolean(session && !session.mfaRequired);
  useEffect(() => {
    if (loggedIn) return;
    void ok(client.GET('/api/v1/system/info')).then(setInfo, () => setInfo(null));
  }, [loggedIn]);

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
    // The login page is the shared device's: Swedish, whatever the last user chose.
    await applyLanguage('sv').catch(() => undefined);
    setSession(null);
  }, []);
  const changeLanguage = useCallback(async (language: Locale) => {
    await ok(client.PUT('/api/v1/me/language', { body: { language } }));
    await applyLanguage(language);
    setSession((s) => (s ? { ...s, language } : s));
  }, []);
  const onIdleExpired = useCallback(() => void endSession(t('loggedOutIdle')), [endSession]);

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
          void applyLanguage(s.language)
            .catch(() => undefined)
            .then(() => setSession(s));
        }}
        onCancel={() => void endSession(null)}
      />
    );
  }
  const current: Route = views.includes(route.view) && (route.view !== 'case' || route.caseId) ? route : START;
  const view = current.view;
  return (
    // Keyed by the language: a switch redraws every screen in it (formats included).
    <Shell key={session.language} session={session} views={menuViews(views)} view={view === 'case' ? null : view} onNavigate={navigate} onLogOut={() => void endSession(null)}>
      <IdleWarning warningSeconds={session.warningSeconds} onExpired={onIdleExpired} />
      <Suspense
        fallback={
          <p role="status" aria-live="polite">
            {t('loading')}
          </p>
        }
      >
        {view === 'start' && <StartPage session={session} onNavigate={navigate} onLanguage={changeLanguage} />}
        {view === 'directory' && <DirectoryPage role={session.user.role} />}
        {view === 'approvals' && <ApprovalsPage />}
        {view === 'legalGrounds' && <LegalGroundsPage />}
        {view === 'agreements' && <AgreementsPage role={session.user.role} />}
        {view === 'coverage' && <CoveragePage />}
        {view === 'report' && <ReportForm session={session} onOpenCase={openCase} />}
        {view === 'myReports' && <MyReports orgId={session.user.organisation.id} onOpenCase={openCase} />}
        {view === 'queue' && <QueuePage session={session} onOpenCase={openCase} />}
        {view === 'incoming' && <IncomingPage onOpenCase={openCase} myOrgId={session.user.organisation.id} />}
        {view === 'overview' && <OverviewPage onOpenCase={openCase} />}
        {view === 'audit' && <AuditPage />}
        {view === 'disclosures' && <DisclosuresPage />}
        {view === 'statistics' && <StatisticsPage session={session} />}
        {view === 'requests' && <RequestsPage session={session} onOpenCase={openCase} />}
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
