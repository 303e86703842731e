// Escalation policies for admins: list, read, create or replace (per municipality or the
// default), and the advance check of steps that would reach nobody.
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { escalationPolicies } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { checkPolicies } from './check-policies.ts';
import { PolicyDto, PolicyProblemDto } from '../../shared/api/notifications.ts';
import { CheckQuery, PolicyIdParam, PutPolicyBody } from './schemas.ts';

type Row = typeof escalationPolicies.$inferSelect;
const present = (r: Row) => PolicyDto.parse({ ...r, updatedAt: r.updatedAt.toISOString() });

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const tags = ['escalation'];

  app.get('/escalation-policies', { schema: { tags, summary: 'Every escalation policy', response: { 200: z.object({ policies: z.array(PolicyDto) }) } } }, async (request) => {
    authorize(request.actor, 'escalation.manage');
    const rows = await db.select().from(escalationPolicies).orderBy(asc(escalationPolicies.clock), asc(escalationPolicies.municipalityCode));
    return { policies: rows.map(present) };
  });

  app.get(
    '/escalation-policies/check',
    {
      schema: {
        tags,
        summary: 'Steps that would reach nobody in the period (no user with the role, or a coverage gap)',
        querystring: CheckQuery,
        response: { 200: z.object({ from: z.string(), days: z.number(), problems: z.array(PolicyProblemDto) }) },
      },
    },
    async (request) => {
      authorize(request.actor, 'escalation.manage');
      const dir = await app.directoryCache.get(db);
      return { from: request.query.from, days: request.query.days, problems: await checkPolicies(db, dir, request.query.from, request.query.days) };
    },
  );

  app.get('/escalation-policies/:id', { schema: { tags, summary: 'One escalation policy', params: PolicyIdParam, response: { 200: PolicyDto } } }, async (request) => {
    authorize(request.actor, 'escalation.manage');
    const [row] = await db.select().from(escalationPolicies).where(eq(escalationPolicies.id, request.params.id));
    if (!row) throw new AppError('NOT_FOUND');
    return present(row);
  });

  app.put(
    '/escalation-policies/:id',
    { schema: { tags, summary: 'Create or replace an escalation policy (running clocks keep their deadline; new steps apply at their next fire)', params: PolicyIdParam, body: PutPolicyBody, response: { 200: PolicyDto } } },
    async (request) => {
      authorize(request.actor, 'escalation.manage');
      const actor = request.actor;
      const { reason, ...policy } = request.body;
      const row = await withTransaction(db, async (tx) => {
        const [before] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, request.params.id)).for('update');
        if (before && (before.clock !== policy.clock || before.municipalityCode !== policy.municipalityCode)) {
          throw new AppError('CONFLICT', 'En policys klocka och kommun kan inte ändras; skapa en ny.');
        }
        const values = { ...policy, updatedAt: new Date() };
        const [saved] = before
          ? await tx.update(escalationPolicies).set(values).where(eq(escalationPolicies.id, request.params.id)).returning()
          : await tx.insert(escalationPolicies).values({ id: request.params.id, ...values }).onConflictDoNothing().returning();
        // The same clock and municipality under another id.
        if (!saved) throw new AppError('CONFLICT', 'Det finns redan en policy för den klockan och kommunen.');
        await recordAudit(tx, {
          actor,
          action: before ? 'escalation_policy.updated' : 'escalation_policy.created',
          subjectType: 'escalation_policy',
          subjectId: saved.id,
          requestId: request.id,
          details: { reason, before: before ? { deadline: before.deadline, steps: before.steps } : null, after: { deadline: saved.deadline, steps: saved.steps } },
        });
        return saved;
      });
      return present(row);
    },
  );
};
