import type { UiKey } from '../../../shared/messages.ts';
import { municipalityName } from '../../../shared/municipalities.ts';
import { t } from '../i18n.ts';
import { LoadState } from './LoadState.tsx';
import { formatInstant } from './time.ts';
import type { DirectoryChange } from './types.ts';
import { useLoad } from './useLoad.ts';
import { client, ok } from '../api.ts';

const actionKeys: Record<string, UiKey> = {
  contacts_replaced: 'actionContactsReplaced',
  hours_set: 'actionHoursSet',
  hours_changed: 'actionHoursChanged',
  jour_members_replaced: 'actionJourMembersReplaced',
};

/** The member municipalities (names) in a before/after membership list. */
function memberNames(value: unknown): string {
  if (!Array.isArray(value)) return t('none');
  const list = value
    .map((m: unknown) =>
      typeof m === 'object' && m !== null && 'municipalityCode' in m && typeof m.municipalityCode === 'string' ? municipalityName(m.municipalityCode) : null,
    )
    .filter((n): n is string => n !== null);
  return list.length > 0 ? list.join(', ') : t('none');
}

/** The phone numbers in a before/after contact list, or nothing if it is not one. */
function phones(value: unknown): string {
  if (!Array.isArray(value)) return t('none');
  const list = value
    .map((c: unknown) => (typeof c === 'object' && c !== null && 'phone' in c && typeof c.phone === 'string' ? c.phone : null))
    .filter((p): p is string => p !== null);
  return list.length > 0 ? list.join(', ') : t('none');
}

export function ChangeHistory({ orgId, round }: { orgId: string; round: number }) {
  const { load, reload } = useLoad<{ changes: DirectoryChange[] }>(`changes ${orgId}`, () => ok(client.GET('/api/v1/directory/changes', { params: { query: { entityId: orgId, limit: 50 } } })), round);
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">{t('historyHeading')}</h3>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' &&
        (load.data.changes.length === 0 ? (
          <p>{t('noHistory')}</p>
        ) : (
          <ol className="history">
            {load.data.changes.map((c) => {
              const actionKey = actionKeys[c.action];
              return (
                <li key={c.id}>
                  <dl className="facts">
                    <dt>{t('historyAt')}</dt>
                    <dd>
                      <time dateTime={c.at}>{formatInstant(c.at)}</time>
                    </dd>
                    <dt>{t('historyBy')}</dt>
                    <dd>{c.actorName ?? t('unknownActor')}</dd>
                    <dt>{t('historyAction')}</dt>
                    <dd>{actionKey ? t(actionKey) : c.action}</dd>
                    {c.entityType === 'contacts' && (
                      <>
                        <dt>{t('historyChange')}</dt>
                        <dd>
                          <span className="before">{phones(c.before)}</span> → <span className="after">{phones(c.after)}</span>
                        </dd>
                      </>
                    )}
                    {c.entityType === 'jour_membership' && (
                      <>
                        <dt>{t('historyChange')}</dt>
                        <dd>
                          <span className="before">{memberNames(c.before)}</span> → <span className="after">{memberNames(c.after)}</span>
                        </dd>
                      </>
                    )}
                    <dt>{t('historyReason')}</dt>
                    <dd>{c.reason ?? t('none')}</dd>
                  </dl>
                </li>
              );
            })}
          </ol>
        ))}
    </section>
  );
}
