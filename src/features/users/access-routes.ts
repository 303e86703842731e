// Four-eyes approvals of access (src/policies/access-requests.ts): the pending requests a second
// person may decide, and the decision. Load → authorize on the loaded request → decide, in one
// transaction with the audit rows and the alert to the organisation's manager.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withAccessTransaction } from '../../db/actor-transaction.ts';
import { authorizeDecision, mayDecide } from '../../policies/access-requests.ts';
import { authorize } from '../../policies/permissions.ts';
import { AccessRequestDto } from '../../shared/api/users.ts';
import { decideAccessRequest } from './decide-access-request.ts';
import { presentAccessRequest } from './present.ts';
import { getAccessRequestForUpdate, getOrganisation, listPendingAccessRequests, type AccessRequestListRow } from './queries.ts';
import { AccessRequestIdParams } from './schemas.ts';

export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const tags = ['users'];
  const targetOf = (r: AccessRequestListRow) => ({ ...r.request, municipalityCode: r.organisation.municipalityCode });

  app.get(
    '/access-requests',
    {
      schema: {
        tags,
        summary: 'Pending grants of access: an admin sees all, a supervisor or manager those of their organisation; mayDecide says whether the caller may decide',
        response: { 200: z.object({ requests: z.array(AccessRequestDto) }) },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'access.approve');
      const rows = await withAccessTransaction(database.db, actor, listPendingAccessRequests);
      const visible = rows.filter((r) => actor.role === 'admin' || mayDecide(actor, targetOf(r)));
      return { requests: visible.map((r) => presentAccessRequest(r, mayDecide(actor, targetOf(r)))) };
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/access-requests/:id/${decision}`,
      {
        schema: {
          tags,
          summary: decision === 'approve' ? 'Approve a grant of access (a second person, never the requester); it is applied at once' : 'Reject a grant of access; nothing changes',
          params: AccessRequestIdParams,
          response: { 200: AccessRequestDto },
        },
      },
      async (request) => {
        const actor = request.actor;
        authorize(actor, 'access.approve');
        return withAccessTransaction(database.db, actor, async (tx) => {
          const row = await getAccessRequestForUpdate(tx, request.params.id);
          const org = await getOrganisation(tx, row.orgId);
          authorizeDecision(actor, { ...row, municipalityCode: org.municipalityCode });
          const decided = await decideAccessRequest(tx, { actor, request: row, org, approve: decision === 'approve', secrets: config.secrets, now: app.now(), requestId: request.id });
          return presentAccessRequest({ request: decided.request, organisation: org, requesterName: null, current: null }, false);
        });
      },
    );
  }
};
