// Gallring of the account tables: password links (invitations and resets) and access requests
// (the four-eyes grants) name a person — username, name, e-mail — and would otherwise only grow.
// - A password link is spent once used or expired; after RETENTION_PASSWORD_LINK_DAYS it goes.
//   The short period leaves time to answer "did the invitation arrive, was it used?".
// - A decided access request is kept RETENTION_ACCESS_REQUEST_DAYS (default two years) so that
//   the yearly access review (behörighetsuppföljning) can compare this year's grants with last
//   year's, with who asked and who approved side by side; then it goes. Pending ones are never
//   touched, however old: they still await a decision.
// The audit log keeps its own record of every link issued and used and of every request and
// decision (append-only; nothing here touches it), and each purge adds an audit row.
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record-audit.ts';
import { queryRows } from '../../db/query-rows.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';

const ACCOUNT_PURGE_LOCK = 7_281_946_303;

export interface AccountRecordPeriods {
  passwordLinkDays: number;
  accessRequestDays: number;
}

export interface AccountRecordPurge {
  dryRun: boolean;
  passwordLinks: number;
  accessRequests: number;
}

const cutoffOf = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

// A link is spent from the moment it was used or, unused, from the moment it expired.
const spentLinkBefore = (cutoff: Date) =>
  sql`(used_at < ${cutoff.toISOString()}::timestamptz or expires_at < ${cutoff.toISOString()}::timestamptz)`;
const decidedRequestBefore = (cutoff: Date) =>
  sql`status <> 'pending' and decided_at < ${cutoff.toISOString()}::timestamptz`;

/** Deletes (or, dry, counts) every spent password link and decided access request past its period. One instance at a time. */
export async function purgeAccountRecords(db: Db, opts: { periods: AccountRecordPeriods; now: Date; dryRun: boolean }): Promise<AccountRecordPurge> {
  const linkCutoff = cutoffOf(opts.now, opts.periods.passwordLinkDays);
  const requestCutoff = cutoffOf(opts.now, opts.periods.accessRequestDays);
  if (opts.dryRun) {
    const [row] = await queryRows<{ links: number; requests: number }>(
      db,
      sql`select (select count(*)::int from password_links where ${spentLinkBefore(linkCutoff)}) as links,
                 (select count(*)::int from access_requests where ${decidedRequestBefore(requestCutoff)}) as requests`,
    );
    return { dryRun: true, passwordLinks: row?.links ?? 0, accessRequests: row?.requests ?? 0 };
  }
  return withTransaction(db, async (tx) => {
    const [lock] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${ACCOUNT_PURGE_LOCK}) as got`);
    if (!lock?.got) return { dryRun: false, passwordLinks: 0, accessRequests: 0 };
    const links = await queryRows<{ id: string }>(tx, sql`delete from password_links where ${spentLinkBefore(linkCutoff)} returning id`);
    const requests = await queryRows<{ id: string }>(tx, sql`delete from access_requests where ${decidedRequestBefore(requestCutoff)} returning id`);
    if (links.length > 0) {
      await recordAudit(tx, {
        actor: null,
        action: 'retention.password_links_purged',
        subjectType: 'password_link',
        details: { cutoff: linkCutoff.toISOString(), count: links.length },
      });
    }
    if (requests.length > 0) {
      await recordAudit(tx, {
        actor: null,
        action: 'retention.access_requests_purged',
        subjectType: 'access_request',
        details: { cutoff: requestCutoff.toISOString(), count: requests.length, ids: requests.map((r) => r.id) },
      });
    }
    return { dryRun: false, passwordLinks: links.length, accessRequests: requests.length };
  });
}
