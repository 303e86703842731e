// User accounts (admin). Every mutation has the handler shape of the case routes: authenticate
// (hook) → validate (zod, schemas.ts) → authorize → in one transaction: load → the operation (its
// own file, writing its audit row) → present. Authorization is by role alone (users.manage), so
// it runs before the load. A new password is hashed before the transaction: argon2 takes tens of
// milliseconds and must not hold a row lock meanwhile.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Tx, UserRow } from '../../db/types.ts';
import { withTransaction } from '../../db/transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import type { Actor } from '../../shared/actor.ts';
import { UserDto } from '../../shared/api/users.ts';
import { hashPassword } from '../auth/password.ts';
import { createUser } from './create-user.ts';
import { presentUser } from './present.ts';
import { getOrganisation, getUserForUpdate, listUsers } from './queries.ts';
import { resetUserTotp } from './reset-user-totp.ts';
import { CreateUserBody, UpdateUserBody, UserIdParams } from './schemas.ts';
import { unlockUser } from './unlock-user.ts';
import { updateUser } from './update-user.ts';

/** The security resets: each a POST /users/:id/<path> without a body. */
const resets: { path: string; summary: string; run(tx: Tx, input: { actor: Actor; user: UserRow; requestId: string }): Promise<UserRow> }[] = [
  { path: 'unlock', summary: 'Lift a lockout (admin)', run: unlockUser },
  { path: 'reset-totp', summary: 'Remove the second factor; the user enrols again (admin)', run: resetUserTotp },
];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  const tags = ['users'];
  const present = async (tx: Tx, u: UserRow) => presentUser(u, await getOrganisation(tx, u.orgId), app.now());

  app.get('/users', { schema: { tags, summary: 'Users with role and organisation (admin)', response: { 200: z.object({ users: z.array(UserDto) }) } } }, async (request) => {
    authorize(request.actor, 'users.manage');
    const now = app.now();
    return { users: (await listUsers(database.db)).map((r) => presentUser(r.user, r.organisation, now)) };
  });

  app.post('/users', { schema: { tags, summary: 'Create a user (admin)', body: CreateUserBody, response: { 201: UserDto } } }, async (request, reply) => {
    const actor = request.actor;
    authorize(actor, 'users.manage');
    const { password, ...rest } = request.body;
    const passwordHash = password ? await hashPassword(password) : null;
    const dto = await withTransaction(database.db, async (tx) => present(tx, await createUser(tx, { actor, user: { ...rest, passwordHash }, requestId: request.id })));
    return reply.code(201).send(dto);
  });

  app.put(
    '/users/:id',
    { schema: { tags, summary: 'Change, disable or re-enable a user (admin)', params: UserIdParams, body: UpdateUserBody, response: { 200: UserDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'users.manage');
      const { password, ...rest } = request.body;
      const changes = { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
      return withTransaction(database.db, async (tx) => {
        const user = await getUserForUpdate(tx, request.params.id);
        return present(tx, await updateUser(tx, { actor, user, changes, requestId: request.id }));
      });
    },
  );

  for (const reset of resets) {
    app.post(`/users/:id/${reset.path}`, { schema: { tags, summary: reset.summary, params: UserIdParams, response: { 200: UserDto } } }, async (request) => {
      const actor = request.actor;
      authorize(actor, 'users.manage');
      return withTransaction(database.db, async (tx) => {
        const user = await getUserForUpdate(tx, request.params.id);
        return present(tx, await reset.run(tx, { actor, user, requestId: request.id }));
      });
    });
  }
};
