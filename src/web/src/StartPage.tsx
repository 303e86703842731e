import type { Locale } from '../../shared/messages.ts';
import { roleName, t } from './i18n.ts';
import { LanguageChoice } from './LanguageChoice.tsx';
import { NotificationPrefs } from './NotificationPrefs.tsx';
import type { Session } from './session.ts';
import { menuViews, viewLabels, viewPaths, viewsFor, type View } from './views.ts';

const intro: Partial<Record<View, Parameters<typeof t>[0]>> = {
  report: 'startReportIntro',
  myReports: 'startMyReportsIntro',
  queue: 'startQueueIntro',
  overview: 'startOverviewIntro',
  incoming: 'startIncomingIntro',
  requests: 'startRequestsIntro',
  audit: 'startAuditIntro',
  escalation: 'startEscalationIntro',
  deliveries: 'startDeliveriesIntro',
  users: 'startUsersIntro',
};

/** Who is logged in, and the role's screens as large links (the first one is the main screen). */
export function StartPage({ session, onNavigate, onLanguage }: { session: Session; onNavigate(view: View): void; onLanguage(next: Locale): Promise<void> }) {
  const { user } = session;
  const work = menuViews(viewsFor(user.role)).filter((v) => v !== 'start' && intro[v]);
  return (
    <>
      <h1>{t('startHeading')}</h1>
      <p>
        {t('welcome')}, {user.displayName}.
      </p>
      {work.length > 0 && (
        <nav aria-labelledby="workspace-heading">
          <h2 id="workspace-heading">{t('nextStepsHeading')}</h2>
          <ul className="tiles">
            {work.map((v) => (
              <li key={v}>
                <a
                  className="tile"
                  href={viewPaths[v]}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    onNavigate(v);
                  }}
                >
                  <strong>{t(viewLabels[v])}</strong>
                  <span>{t(intro[v]!)}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <dl className="facts">
        <dt>{t('role')}</dt>
        <dd>{roleName(user.role)}</dd>
        <dt>{t('organisation')}</dt>
        <dd>{user.organisation.name}</dd>
      </dl>
      <LanguageChoice language={session.language} onChange={onLanguage} />
      <NotificationPrefs />
    </>
  );
}
