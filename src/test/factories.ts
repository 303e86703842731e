// Test factories: rows with every NOT NULL column filled and unique values, so a test states only
// what matters to it. No personal data: identity is 'unknown' unless a test overrides it.
import { randomUUID } from 'node:crypto';
import { accessRequests, agreements, cases, deadlines, outbox, outboxAttempts, users, webhookEndpoints } from '../db/schema.ts';
import type { DbOrTx } from '../db/types.ts';
import { stockholmDate } from '../domain/stockholm-time.ts';
import { webhookSecretContext } from '../jobs/webhook.ts';
import { sealSecret, type SecretKeyring } from '../secrets/sealed-secrets.ts';

export type NewCase = typeof cases.$inferInsert;
export type CaseRow = typeof cases.$inferSelect;
export type NewDeadline = typeof deadlines.$inferInsert;
export type DeadlineRow = typeof deadlines.$inferSelect;
export type NewOutbox = typeof outbox.$inferInsert;
export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxAttempt = typeof outboxAttempts.$inferInsert;
export type OutboxAttemptRow = typeof outboxAttempts.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserRow = typeof users.$inferSelect;
export type NewAgreement = typeof agreements.$inferInsert;
export type AgreementRow = typeof agreements.$inferSelect;
export type NewWebhookEndpoint = typeof webhookEndpoints.$inferInsert;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

// A random start per process, so test files sharing a server database do not collide.
let seq = Math.floor(Math.random() * 400_000);
const unique = () => String(++seq).padStart(6, '0');

/** A case row as the case feature would have written it at receipt; override any column. */
export async function buildCase(db: DbOrTx, o: Partial<NewCase> = {}): Promise<CaseRow> {
  const receivedAt = o.receivedAt ?? new Date();
  const n = unique();
  const [row] = await db
    .insert(cases)
    .values({
      // Year 2099: never collides with the numbers the case feature draws from its series.
      number: `ENV-2099-${n}`,
      status: 'received',
      receivedAt,
      receiptDate: stockholmDate(receivedAt),
      urgency: 'acute',
      reporterUserId: '00000000-0000-4000-8000-000000000001',
      reporterOrgId: 'police-roc',
      idempotencyKey: `factory-${n}-${Math.random().toString(36).slice(2)}`,
      policeDiaryNumber: `5000-K${n}-26`,
      foundMunicipalityCode: '0180',
      identityKind: 'unknown',
      ...o,
    })
    .returning();
  return row!;
}

const MINUTE = 60_000;

/**
 * A running deadline of a case (a new case unless `caseId` is given): by default the claim clock,
 * started now and due in ten minutes, with its next firing at the due time.
 */
export async function buildDeadline(db: DbOrTx, o: Partial<NewDeadline> = {}): Promise<DeadlineRow> {
  const caseId = o.caseId ?? (await buildCase(db)).id;
  const startedAt = o.startedAt ?? new Date();
  const dueAt = o.dueAt ?? new Date(startedAt.getTime() + 10 * MINUTE);
  const [row] = await db
    .insert(deadlines)
    .values({ clock: 'claim', subjectId: '', policyId: null, nextFireAt: dueAt, ...o, caseId, startedAt, dueAt })
    .returning();
  return row!;
}

/** An outbox row as notify.ts writes it: a pending webhook delivery of a case number, no personal data. */
export async function buildOutbox(db: DbOrTx, o: Partial<NewOutbox> = {}): Promise<OutboxRow> {
  const n = unique();
  const topic = o.topic ?? 'case.handed_over';
  const [row] = await db
    .insert(outbox)
    .values({
      topic,
      channel: 'webhook',
      recipient: { webhookId: randomUUID() },
      payload: { topic, caseNumber: `ENV-2099-${n}`, text: 'Ärende väntar.', link: `/arenden/factory-${n}` },
      ...o,
    })
    .returning();
  return row!;
}

/** One recorded delivery attempt of an outbox row (by default a successful one). */
export async function buildOutboxAttempt(db: DbOrTx, o: Partial<NewOutboxAttempt> & Pick<NewOutboxAttempt, 'outboxId'>): Promise<OutboxAttemptRow> {
  const [row] = await db
    .insert(outboxAttempts)
    .values({ status: 'sent', ...o })
    .returning();
  return row!;
}

/**
 * A webhook endpoint. With `sealed`, its secret is stored sealed as the admin API stores it (the
 * sender opens it to sign); without, `secret` is stored as given (e.g. planted in clear).
 */
export async function buildWebhookEndpoint(
  db: DbOrTx,
  o: Partial<NewWebhookEndpoint> = {},
  sealed?: { ring: SecretKeyring; secret: string },
): Promise<WebhookEndpointRow> {
  const n = unique();
  const id = o.id ?? randomUUID();
  const secret = sealed ? sealSecret(sealed.ring, webhookSecretContext(id), sealed.secret) : (o.secret ?? `factory-secret-${n}`);
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ name: `Webhook ${n}`, url: `https://hook-${n}.example.se/hook`, ...o, id, secret })
    .returning();
  return row!;
}

/**
 * A user of the hub with no password and no second factor: one a test acts on (an admin changes,
 * locks or unlocks it), not one it logs in as (tests log in as the demo users, src/test/app.ts).
 */
export async function buildUser(db: DbOrTx, o: Partial<NewUser> = {}): Promise<UserRow> {
  const n = unique();
  const [row] = await db
    .insert(users)
    .values({ username: `factory.${n}`, displayName: `Testanvändare ${n}`, role: 'analyst', orgId: 'hub', ...o })
    .returning();
  return row!;
}

/**
 * A pending request to give a new account (made here, an analyst) `role` in `orgId`, asked for by
 * another new admin: so that any demo user may be the second person.
 */
export async function buildAccessRequest(db: DbOrTx, o: { role: NewUser['role']; orgId: string }) {
  const user = await buildUser(db, { email: `factory.${unique()}@example.se` });
  const requester = await buildUser(db, { role: 'admin' });
  const [row] = await db
    .insert(accessRequests)
    .values({ kind: 'change', userId: user.id, username: user.username, displayName: user.displayName, email: user.email!, role: o.role, orgId: o.orgId, requestedBy: requester.id })
    .returning();
  return row!;
}

/** A municipality's agreement to join the collaboration (Nacka unless overridden), from 2027 on, not terminated. */
export async function buildAgreement(db: DbOrTx, o: Partial<NewAgreement> = {}): Promise<AgreementRow> {
  const [row] = await db
    .insert(agreements)
    .values({ municipalityCode: '0182', decidedBy: 'Socialnämnden', dnr: `SN-${unique()}`, decisionDate: '2026-06-01', validFrom: '2027-01-01', validTo: null, ...o })
    .returning();
  return row!;
}
