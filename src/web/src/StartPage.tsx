import { roleLabels } from '../../shared/roles.ts';
import { t } from './i18n.ts';
import type { Session } from './session.ts';

export function StartPage({ session }: { session: Session }) {
  const { user } = session;
  return (
    <>
      <h1>{t('startHeading')}</h1>
      <p>
        {t('welcome')}, {user.displayName}.
      </p>
      <dl className="facts">
        <dt>{t('role')}</dt>
        <dd>{roleLabels[user.role]}</dd>
        <dt>{t('organisation')}</dt>
        <dd>{user.organisation.name}</dd>
      </dl>
    </>
  );
}
