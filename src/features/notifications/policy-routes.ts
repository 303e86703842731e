// Escalation policies for admins: list, read, create or replace (per municipality or the
// default), and the advance check of steps that would reach nobody. The write has the handler
// shape of the case routes: authenticate (hook) → validate (zod, schemas.ts) → authorize (by
// role) → in one transaction: load → the operation with its audit row → present.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { PolicyDto, PolicyProblemDto } from '../../shared/api/notifications.ts';
import { checkPolicies } from './check-policies.ts';
import { presentPolicy } from './present.ts';
import { findPolicyForUpdate, getPolicy, listPolicies } from './queries.ts';
import { saveEscalationPolicy } from './save-escalation-policy.ts';
import { CheckQuery, PolicyIdParam, PutPolicyBody } from './schemas.ts';

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const tags = ['escalation'];

  app.get('/escalation-policies', { schema: { tags, summary: 'Every escalation policy', response: { 200: z.object({ policies: z.array(PolicyDto) }) } } }, async (request) => {
    authorize(request.actor, 'escalation.manage');
    return { policies: (await withActorTransaction(db, request.actor, (tx) => listPolicies(tx))).map(presentPolicy) };
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
      const { from, days } = request.query;
      const problems = await withActorTransaction(db, request.actor, async (tx) => checkPolicies(tx, await app.directoryCache.get(tx), from, days));
      return { from, days, problems };
    },
  );

  app.get('/escalation-policies/:id', { schema: { tags, summary: 'One escalation policy', params: PolicyIdParam, response: { 200: PolicyDto } } }, async (request) => {
    authorize(request.actor, 'escalation.manage');
    return presentPolicy(await withActorTransaction(db, request.actor, (tx) => getPolicy(tx, request.params.id)));
  });

  app.put(
    '/escalation-policies/:id',
    { schema: { tags, summary: 'Create or replace an escalation policy (running clocks keep their deadline; new steps apply at their next fire)', params: PolicyIdParam, body: PutPolicyBody, response: { 200: PolicyDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'escalation.manage');
      const { reason, ...policy } = request.body;
      const { id } = request.params;
      const saved = await withActorTransaction(db, actor, async (tx) => {
        const current = await findPolicyForUpdate(tx, id);
        return saveEscalationPolicy(tx, { actor, id, current, policy, reason, requestId: request.id });
      });
      return presentPolicy(saved);
    },
  );
};
