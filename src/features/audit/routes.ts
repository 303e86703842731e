// The auditor's API: search the audit log and verify its hash chain. Reading the log is itself
// recorded (who searched for what), in the same transaction as the read. The search is a POST
// with its filters in the body: a personnummer typed into a filter must never be in a URL.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withAuditTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { presentAuditEntry, presentVerification } from './present.ts';
import { listAuditEntries } from './queries.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { AuditPage, ChainVerificationDto } from '../../shared/api/audit.ts';
import { AuditSearch } from './schemas.ts';
import { verifyAuditChain } from './verify-chain.ts';
import { filtersForLog } from './search-filters.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;

  app.post(
    '/audit/search',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Search the audit log, newest first (keyset pagination by id), the filters in the body; auditor only, audited (a personnummer typed into a filter is logged as its keyed reference)',
        body: AuditSearch,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'audit.read');
      const { limit: _limit, cursor: _cursor, ...filters } = request.body;
      return withAuditTransaction(database.db, actor, async (tx) => {
        const page = await listAuditEntries(tx, request.body);
        await recordAudit(tx, {
          actor,
          action: 'audit.searched',
          requestId: request.id,
          details: { filters: filtersForLog(filters, config.auditPersonKey, stockholmDate(app.now())), returned: page.rows.length },
        });
        return { items: page.rows.map(presentAuditEntry), nextCursor: page.nextCursor };
      });
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of the whole audit log; reports the first changed, removed or reordered row',
        response: { 200: ChainVerificationDto },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'audit.verify');
      // Its own transaction, apart from the audit row's: a long scan must not hold the chain lock
      // that writers take (the row's transaction takes it just before it commits).
      const result = await withAuditTransaction(database.db, actor, (tx) => verifyAuditChain(tx));
      await withAuditTransaction(database.db, actor, (tx) =>
        recordAudit(tx, {
          actor,
          action: 'audit.verified',
          requestId: request.id,
          details: { intact: result.intact, rowsChecked: result.rowsChecked, firstBrokenId: result.firstBroken?.id ?? null },
        }),
      );
      return presentVerification(result);
    },
  );
};
