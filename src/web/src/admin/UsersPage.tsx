// "Användare": every user with role, organisation and account state; create a user (invited by
// e-mail to choose their own password), change role, organisation or name, disable, unlock a
// locked account, reset the second factor and send a new-password link. A role that reads case
// content waits for a second person's approval ("Godkännanden"). The invitations and links sent,
// never their tokens, are listed below the users.
import { useState, type FormEvent } from 'react';
import { useStackedLabels } from './stacked.ts';
import type { z } from 'zod';
import type { CreateUserResultDto, PasswordLinkDto, UserDto } from '../../../shared/api/users.ts';
import type { UiKey } from '../../../shared/messages.ts';
import { roleLabels, roles, type Role } from '../../../shared/role-names.ts';
import { client, ok } from '../api.ts';
import { errorText, fieldErrors } from '../cases/caseApi.ts';
import { TextField } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';
import { LoadState } from './LoadState.tsx';
import { formatInstant } from './time.ts';
import type { Directory } from './types.ts';
import { useLoad } from './useLoad.ts';

type User = z.infer<typeof UserDto>;
type PasswordLink = z.infer<typeof PasswordLinkDto>;
interface Org {
  id: string;
  name: string;
}

function SelectField({ id, label, value, onChange, options, error }: { id: string; label: string; value: string; onChange(v: string): void; options: { value: string; label: string }[]; error?: string | undefined }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="error field-error">
          {error}
        </p>
      )}
    </div>
  );
}

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

function UserForm({ user, orgs, onDone, onCancel }: { user: User | null; orgs: Org[]; onDone(message: string): void; onCancel(): void }) {
  const prefix = user ? `user-${user.id}` : 'user-new';
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'hub.handler');
  const [orgId, setOrgId] = useState(user?.organisation.id ?? orgs[0]?.id ?? '');
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (user) {
        const body = { displayName: displayName.trim(), email: email.trim() || null, role, orgId, disabled };
        const saved: User = await ok(client.PUT('/api/v1/users/{id}', { params: { path: { id: user.id } }, body }));
        // A change that needs a second person comes back unapplied.
        const pending = saved.role !== role || saved.organisation.id !== orgId || (saved.email ?? '') !== email.trim();
        onDone(tf(pending ? 'userSavedPending' : 'userSaved', { name: saved.displayName }));
      } else {
        const body = { username: username.trim(), displayName: displayName.trim(), email: email.trim(), role, orgId };
        const result: z.infer<typeof CreateUserResultDto> = await ok(client.POST('/api/v1/users', { body }));
        onDone(tf(result.user ? 'userInvited' : 'userRequested', { name: displayName.trim() }));
      }
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${prefix}-h`}>{user ? tf('editUserHeading', { name: user.displayName }) : t('createUserHeading')}</h2>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <div className="row-fields">
        {!user && <TextField id={`${prefix}-username`} label={t('colUsername')} value={username} onChange={setUsername} error={errors.username} required />}
        <TextField id={`${prefix}-name`} label={t('displayName')} value={displayName} onChange={setDisplayName} error={errors.displayName} required />
        <TextField id={`${prefix}-email`} type="email" label={t('emailRequired')} value={email} onChange={setEmail} error={errors.email} required />
        <SelectField id={`${prefix}-role`} label={t('colRole')} value={role} onChange={(v) => setRole(v as Role)} options={roleOptions} error={errors.role} />
        <SelectField id={`${prefix}-org`} label={t('colOrganisation')} value={orgId} onChange={setOrgId} options={orgs.map((o) => ({ value: o.id, label: o.name }))} error={errors.orgId} />
      </div>
      {user && (
        <label className="choice">
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
          <span>{t('disableAccount')}</span>
        </label>
      )}
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : user ? t('saveUser') : t('createUser')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const stacked = useStackedLabels<HTMLTableElement>();
  const { load, reload } = useLoad<{ users: User[] }>('users', () => ok(client.GET('/api/v1/users')));
  const directory = useLoad<Directory>('directory', () => ok(client.GET('/api/v1/directory')));
  const links = useLoad<{ links: PasswordLink[] }>('invitations', () => ok(client.GET('/api/v1/invitations')));
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const users = load.state === 'ready' ? load.data.users : [];
  const orgMap = new Map<string, string>();
  for (const u of users) orgMap.set(u.organisation.id, u.organisation.name);
  if (directory.load.state === 'ready') for (const o of directory.load.data.organisations) orgMap.set(o.orgId, o.name);
  const orgs = [...orgMap.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const current = editing && editing !== 'new' ? (users.find((u) => u.id === editing) ?? null) : null;

  async function security(u: User, what: 'unlock' | 'reset-totp' | 'password-reset') {
    setError(null);
    try {
      await ok(client.POST(`/api/v1/users/{id}/${what}`, { params: { path: { id: u.id } } }));
      setStatus(tf(what === 'unlock' ? 'userUnlocked' : what === 'reset-totp' ? 'userTotpReset' : 'resetLinkSent', { name: u.displayName }));
      reload();
      links.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  const done = (message: string) => {
    setStatus(message);
    setEditing(null);
    reload();
    links.reload();
  };

  return (
    <>
      <h1>{t('navUsers')}</h1>
      <p>{t('usersIntro')}</p>
      <p role="status" className="saved">
        {status}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <>
          <p>
            <button type="button" onClick={() => setEditing('new')}>
              {t('createUserHeading')}
            </button>
          </p>
          {editing === 'new' && (
            <section className="card wide" aria-labelledby="user-new-h">
              <UserForm user={null} orgs={orgs} onDone={done} onCancel={() => setEditing(null)} />
            </section>
          )}
          {current && (
            <section className="card wide" aria-labelledby={`user-${current.id}-h`}>
              <UserForm key={current.id} user={current} orgs={orgs} onDone={done} onCancel={() => setEditing(null)} />
            </section>
          )}
          <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('usersCaption') })} tabIndex={0}>
            <table className="data users stacked" ref={stacked}>
              <caption>{t('usersCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colUsername')}</th>
                  <th scope="col">{t('colRole')}</th>
                  <th scope="col">{t('colOrganisation')}</th>
                  <th scope="col">{t('colAccount')}</th>
                  <th scope="col">{t('colAction')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => {
                  const locked = u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now();
                  return (
                    <tr key={u.id}>
                      <th scope="row">{u.displayName}</th>
                      <td>
                        <code>{u.username}</code>
                      </td>
                      <td>{roleLabels[u.role]}</td>
                      <td>{u.organisation.name}</td>
                      <td>
                        {u.disabled ? <strong className="flag">{t('accountDisabled')}</strong> : t('accountActive')}
                        {locked && <span className="stack flag">{tf('accountLocked', { time: formatInstant(u.lockedUntil!) })}</span>}
                        <span className="stack muted">{u.totpEnrolled ? t('totpOn') : t('totpOff')}</span>
                      </td>
                      <td>
                        <div className="row-actions tight">
                          <button type="button" className="secondary" onClick={() => setEditing(u.id)}>
                            {t('editUser')}
                            <span className="sr-only"> {u.displayName}</span>
                          </button>
                          {locked && (
                            <button type="button" className="secondary" onClick={() => void security(u, 'unlock')}>
                              {t('unlockUser')}
                              <span className="sr-only"> {u.displayName}</span>
                            </button>
                          )}
                          {u.email && !u.externalLogin && !u.disabled && (
                            <button type="button" className="secondary" onClick={() => void security(u, 'password-reset')}>
                              {t('sendResetLink')}
                              <span className="sr-only"> {u.displayName}</span>
                            </button>
                          )}
                          {u.totpEnrolled && (
                            <button type="button" className="secondary" onClick={() => void security(u, 'reset-totp')}>
                              {t('resetTotp')}
                              <span className="sr-only"> {u.displayName}</span>
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <InvitationsTable links={links.load.state === 'ready' ? links.load.data.links : []} />
        </>
      )}
    </>
  );
}

const deliveryLabels: Record<string, UiKey> = { pending: 'dsPending', sending: 'dsSending', sent: 'dsSent', failed: 'dsFailed', dead: 'dsDead' };

function InvitationsTable({ links }: { links: PasswordLink[] }) {
  return (
    <section aria-labelledby="invitations-h">
      <h2 id="invitations-h">{t('invitationsCaption')}</h2>
      <p>{t('invitationsIntro')}</p>
      {links.length === 0 ? (
        <p className="empty">{t('extractNone')}</p>
      ) : (
        <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('invitationsCaption') })} tabIndex={0}>
          <table className="data">
            <caption className="sr-only">{t('invitationsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colLinkPurpose')}</th>
                <th scope="col">{t('colLinkState')}</th>
                <th scope="col">{t('colDelivery')}</th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    {l.user.displayName} <code>{l.user.username}</code>
                  </th>
                  <td>{l.purpose === 'invitation' ? t('linkInvitation') : t('linkReset')}</td>
                  <td>{l.state === 'open' ? tf('linkOpen', { time: formatInstant(l.expiresAt) }) : l.state === 'used' ? t('linkUsed') : t('linkExpired')}</td>
                  <td>{l.delivery ? t(deliveryLabels[l.delivery] ?? 'dsPending') : t('deliveryNone')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
