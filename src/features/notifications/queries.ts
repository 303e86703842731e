// Reads and row writes of notification settings and deliveries. The first parameter is always the
// database or the transaction.
import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { escalationPolicies, notificationPreferences, organisations, outbox, outboxAttempts, users, webhookEndpoints } from '../../db/schema.ts';
import type { DbOrTx, Tx } from '../../db/types.ts';
import { AppError } from '../../shared/errors.ts';
import type { DeliveriesQuery } from './schemas.ts';

export type PolicyRow = typeof escalationPolicies.$inferSelect;
export type WebhookRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof outbox.$inferSelect;
export type DeliveryAttemptRow = typeof outboxAttempts.$inferSelect;

export function listPolicies(db: DbOrTx): Promise<PolicyRow[]> {
  return db.select().from(escalationPolicies).orderBy(asc(escalationPolicies.clock), asc(escalationPolicies.municipalityCode));
}

/** The policy; NOT_FOUND if there is none. */
export async function getPolicy(db: DbOrTx, id: string): Promise<PolicyRow> {
  const [row] = await db.select().from(escalationPolicies).where(eq(escalationPolicies.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The policy, locked for the change, or null when the id is new. */
export async function findPolicyForUpdate(tx: Tx, id: string): Promise<PolicyRow | null> {
  const [row] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, id)).for('update');
  return row ?? null;
}

export function listWebhooks(db: DbOrTx): Promise<WebhookRow[]> {
  return db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt));
}

/** The webhook endpoint, locked for the change; NOT_FOUND if there is none. */
export async function getWebhookForUpdate(tx: Tx, id: string): Promise<WebhookRow> {
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The user's channels: live updates are on unless turned off; e-mail only when turned on. */
export async function readPreferences(db: DbOrTx, userId: string) {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return (['sse', 'email'] as const).map((channel) => {
    const row = rows.find((r) => r.channel === channel);
    return { channel, enabled: row?.enabled ?? channel === 'sse', address: row?.address ?? null };
  });
}

/** A page of deliveries, newest first, with every attempt of each. */
export async function listDeliveries(db: DbOrTx, q: z.infer<typeof DeliveriesQuery>): Promise<{ rows: DeliveryRow[]; attempts: DeliveryAttemptRow[] }> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(outbox.status, q.status));
  if (q.channel) where.push(eq(outbox.channel, q.channel));
  if (q.before) where.push(lt(outbox.id, q.before));
  const rows = await db.select().from(outbox).where(and(...where)).orderBy(desc(outbox.id)).limit(q.limit);
  const attempts = rows.length
    ? await db.select().from(outboxAttempts).where(inArray(outboxAttempts.outboxId, rows.map((r) => r.id))).orderBy(outboxAttempts.id)
    : [];
  return { rows, attempts };
}

/**
 * The names the admin reads instead of ids: organisations, users (by display name) and webhooks
 * a page's deliveries went to, keyed by the id the recipient holds.
 */
export async function recipientNames(db: DbOrTx, rows: readonly DeliveryRow[]): Promise<Map<string, string>> {
  const ids = (key: string) => [...new Set(rows.map((r) => (r.recipient as Record<string, unknown>)[key]).filter((v): v is string => typeof v === 'string'))];
  const [orgIds, userIds, hookIds] = [ids('orgId'), ids('userId'), ids('webhookId')];
  const names = new Map<string, string>();
  if (orgIds.length) for (const o of await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds))) names.set(o.id, o.name);
  if (userIds.length) for (const u of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))) names.set(u.id, u.name);
  if (hookIds.length) for (const w of await db.select({ id: webhookEndpoints.id, name: webhookEndpoints.name }).from(webhookEndpoints).where(inArray(webhookEndpoints.id, hookIds))) names.set(w.id, w.name);
  return names;
}

/** The e-mails the demo's built-in outbox holds (sent nowhere), newest first. */
export function listDemoMail(db: DbOrTx, limit: number): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, 'email'), eq(outbox.status, 'sent')))
    .orderBy(desc(outbox.id))
    .limit(limit);
}
