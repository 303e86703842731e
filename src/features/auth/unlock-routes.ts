// POST /auth/users/{id}/unlock: a supervisor lets a user who mistyped their way into a long wait
// try again at once (issue 22, item 10). Handler shape: authenticate (hook) → validate → load
// (the user and its organisation, held for update) → authorize (role and organisation,
// src/policies/unlock.ts) → the operation with its audit row, in one transaction → present.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { organisations, users } from '../../db/schema.ts';
import { withAccessTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { authorizeUnlock } from '../../policies/unlock.ts';
import { UnlockResultDto } from '../../shared/api/auth.ts';
import { AppError } from '../../shared/errors.ts';
import { userThrottleHash } from './login-throttle.ts';
import { accountColumns } from '../users/queries.ts';
import { unlockUserLogin } from './unlock-user-login.ts';

const Params = z.object({ id: z.uuid() });

export const unlockRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, database } = app.deps;
  app.post(
    '/auth/users/:id/unlock',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Lift a user’s login throttle at every address (and any old lock): hub supervisor for their organisation, municipality manager for their municipality, admin for anyone. Audited.',
        params: Params,
        response: { 200: UnlockResultDto },
      },
    },
    async (request) => {
      const actor = request.actor;
      // The role first, so a role that may never unlock learns nothing about the user.
      authorize(actor, 'auth.unlock');
      return withAccessTransaction(database.db, actor, async (tx) => {
        const [found] = await tx
          .select({ user: accountColumns, municipalityCode: organisations.municipalityCode })
          .from(users)
          .innerJoin(organisations, eq(organisations.id, users.orgId))
          .where(eq(users.id, request.params.id))
          .for('update', { of: users });
        if (!found) throw new AppError('NOT_FOUND');
        authorizeUnlock(actor, { orgId: found.user.orgId, municipalityCode: found.municipalityCode });
        const { throttlesCleared } = await unlockUserLogin(tx, {
          actor,
          user: found.user,
          userHash: userThrottleHash(config.loginRateKey, found.user.username),
          requestId: request.id,
          now: app.now(),
        });
        return { userId: found.user.id, throttlesCleared };
      });
    },
  );
};
