// Notifications (DESIGN.md rule 10): written as outbox rows inside the caller's transaction and
// delivered after commit by the engine. One row per channel and recipient, so each delivery has
// its own status, retries and history. Payloads carry the case number, the topic, a Swedish text
// and a link: never a name, an identity number or report text.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../db/query-rows.ts';
import { outbox } from '../db/schema.ts';
import type { Tx } from '../db/types.ts';
import { holdsIdentityNumber } from '../audit/person-ref.ts';
import { AppError } from '../shared/errors.ts';
import { wakeEngine } from './wake.ts';

export interface NotificationInput {
  /** Past tense, e.g. 'case.reported', 'case.handed_over', 'deadline.escalated'. */
  topic: string;
  caseId?: string;
  /** '' when the notification is about no case. */
  caseNumber: string;
  orgIds?: string[];
  userIds?: string[];
  /**
   * Organisations whose open screens must follow the change (another receiver, the police who
   * filed it): the live stream only, never an e-mail or a webhook they did not ask for.
   */
  liveOrgIds?: string[];
  /** Functional mailboxes written to directly (an escalation climbing a duty contact chain): never a person's address. */
  emails?: { email: string; orgId: string }[];
  /** Swedish, without personal data: "Nytt ärende ENV-2026-000123 väntar på kvittens." */
  text: string;
  /** A path in the web app (e.g. '/arenden/<id>'); made absolute with PUBLIC_URL when sent. */
  link: string;
  /** Makes the enqueue idempotent: the same key never produces a second set of rows. */
  dedupeKey?: string;
}

export interface NotificationPayload {
  topic: string;
  caseNumber: string;
  text: string;
  link: string;
  [key: string]: unknown;
}

export type Recipient = { orgId: string } | { userId: string } | { email: string; orgId?: string; userId?: string } | { webhookId: string };

const CASE_NUMBER = /^ENV-\d{4}-\d{6}$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Refuses a payload that could carry personal data: a programming error, so it is INTERNAL. */
export function assertNoPersonalData(payload: NotificationPayload): void {
  // '' for a notification about no case (an access request, a burst of denied reads).
  if (payload.caseNumber !== '' && !CASE_NUMBER.test(payload.caseNumber)) throw new AppError('INTERNAL', 'notification: malformed case number');
  // Ids in links are UUIDs, whose hex groups can hold ten digits in a row: they are not identities.
  for (const value of [payload.text, payload.link.replace(UUID, 'uuid'), payload.topic]) {
    if (holdsIdentityNumber(value)) throw new AppError('INTERNAL', 'notification: text looks like it contains an identity number');
  }
}

/** What a notification's deliveries carry, refused (INTERNAL) if it could hold personal data. */
export function checkedPayload(n: NotificationInput): NotificationPayload {
  const payload: NotificationPayload = { topic: n.topic, caseNumber: n.caseNumber, text: n.text, link: n.link };
  assertNoPersonalData(payload);
  return payload;
}

function recipientKey(r: Recipient): string {
  if ('webhookId' in r) return `webhook:${r.webhookId}`;
  if ('email' in r) return `email:${r.email.toLowerCase()}`;
  if ('userId' in r) return `user:${r.userId}`;
  return `org:${r.orgId}`;
}

interface Lookup {
  mailboxByOrg: Map<string, string>;
  emailUsers: { id: string; orgId: string; address: string }[];
  hooks: { id: string; orgId: string | null }[];
  orgOfUser: Map<string, string>;
}

type LookupRead = {
  targeted: { id: string; orgId: string }[];
  mailboxes: { orgId: string; email: string }[];
  prefs: { id: string; orgId: string; address: string | null; userEmail: string | null }[];
  hooks: { id: string; orgId: string | null }[];
};

const recipientsOf = (items: readonly NotificationInput[]) => ({
  orgIds: [...new Set(items.flatMap((n) => n.orgIds ?? []))],
  userIds: [...new Set(items.flatMap((n) => n.userIds ?? []))],
});

/**
 * Everything the notifications need to know about their recipients, as one JSON value read in one
 * statement: the orgs of targeted users, each org's functional mailbox (the first address in its
 * contact order), who asked for e-mail, and the active webhooks (county-wide or of a recipient org).
 */
function recipientLookupSql(items: readonly NotificationInput[]): SQL {
  const { orgIds, userIds } = recipientsOf(items);
  const orgs = sql.param(orgIds);
  const ids = sql.param(userIds);
  return sql`json_build_object(
          'targeted', (select coalesce(json_agg(json_build_object('id', u.id, 'orgId', u.org_id)), '[]') from users u where u.id = any(${ids}::uuid[])),
          'mailboxes', (select coalesce(json_agg(json_build_object('orgId', c.org_id, 'email', c.email) order by c.org_id, c.position), '[]')
             from contact_points c where c.org_id = any(${orgs}::text[]) and c.email is not null),
          'prefs', (select coalesce(json_agg(json_build_object('id', u.id, 'orgId', u.org_id, 'address', p.address, 'userEmail', u.email)), '[]')
             from notification_preferences p join users u on u.id = p.user_id
            where p.channel = 'email' and p.enabled and u.disabled_at is null
              and (u.org_id = any(${orgs}::text[]) or u.id = any(${ids}::uuid[]))),
          'hooks', (select coalesce(json_agg(json_build_object('id', w.id, 'orgId', w.org_id)), '[]') from webhook_endpoints w
            where w.active and (w.org_id is null or w.org_id = any(${orgs}::text[])
                                or w.org_id in (select u.org_id from users u where u.id = any(${ids}::uuid[])))))`;
}

/** The outbox rows of the notifications, given what recipientLookupSql read. */
function outboxRowsFor(items: readonly NotificationInput[], read: LookupRead, options: { now?: Date } = {}) {
  const lookup = toLookup(read);
  // The engine passes its clock's now, so rows it writes are due in its own (possibly test) time.
  return items.flatMap((n) => rowsFor(n, lookup)).map((r) => (options.now ? { ...r, nextAttemptAt: options.now } : r));
}

function toLookup({ targeted, mailboxes, prefs, hooks }: LookupRead): Lookup {
  const orgOfUser = new Map(targeted.map((u) => [u.id, u.orgId]));
  const mailboxByOrg = new Map<string, string>();
  for (const m of mailboxes) if (!mailboxByOrg.has(m.orgId)) mailboxByOrg.set(m.orgId, m.email);
  const emailUsers = prefs.flatMap((p) => {
    const address = p.address ?? p.userEmail;
    return address ? [{ id: p.id, orgId: p.orgId, address }] : [];
  });
  return { mailboxByOrg, emailUsers, hooks, orgOfUser };
}

function rowsFor(n: NotificationInput, l: Lookup) {
  const orgIds = [...new Set(n.orgIds ?? [])];
  const userIds = [...new Set(n.userIds ?? [])];
  const payload = checkedPayload(n);
  const userOrgs = new Set(userIds.map((u) => l.orgOfUser.get(u)).filter((o) => o !== undefined));
  const targets: { channel: 'sse' | 'email' | 'webhook'; recipient: Recipient }[] = [
    ...[...new Set([...orgIds, ...(n.liveOrgIds ?? [])])].map((orgId) => ({ channel: 'sse' as const, recipient: { orgId } })),
    ...userIds.map((userId) => ({ channel: 'sse' as const, recipient: { userId } })),
    ...orgIds.flatMap((orgId) => {
      const email = l.mailboxByOrg.get(orgId);
      return email ? [{ channel: 'email' as const, recipient: { email, orgId } }] : [];
    }),
    ...(n.emails ?? []).map((e) => ({ channel: 'email' as const, recipient: { email: e.email, orgId: e.orgId } })),
    ...l.emailUsers
      .filter((u) => orgIds.includes(u.orgId) || userIds.includes(u.id))
      .map((u) => ({ channel: 'email' as const, recipient: { email: u.address, userId: u.id } })),
    ...l.hooks
      .filter((h) => h.orgId === null || orgIds.includes(h.orgId) || userOrgs.has(h.orgId))
      .map((h) => ({ channel: 'webhook' as const, recipient: { webhookId: h.id } })),
  ];
  const seen = new Set<string>();
  return targets.flatMap((t) => {
    const key = `${t.channel}:${recipientKey(t.recipient)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ topic: n.topic, channel: t.channel, recipient: t.recipient, payload, dedupeKey: n.dedupeKey ? `${n.dedupeKey}|${key}` : null }];
  });
}

/** Writes the outbox rows of many notifications with a fixed number of queries (the engine's batches). */
export async function enqueueNotifications(tx: Tx, items: readonly NotificationInput[], options: { now?: Date } = {}): Promise<number> {
  if (items.length === 0) return 0;
  const [read] = await queryRows<{ lookup: LookupRead }>(tx, sql`select ${recipientLookupSql(items)} as lookup`);
  const rows = outboxRowsFor(items, read!.lookup, options);
  if (rows.length === 0) return 0;
  const inserted = (await tx.insert(outbox).values(rows).onConflictDoNothing().returning({ id: outbox.id })).length;
  if (inserted > 0) await wakeEngine(tx, 'outbox');
  return inserted;
}

/** Writes one notification's outbox rows in the caller's transaction. Returns the number of rows. */
export function enqueueNotification(tx: Tx, input: NotificationInput): Promise<number> {
  return enqueueNotifications(tx, [input]);
}
