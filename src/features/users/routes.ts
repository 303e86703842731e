import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisations, users } from '../../db/schema.ts';
import type { OrganisationRow, UserRow } from '../../db/types.ts';
import { withTransaction } from '../../db/transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { hashPassword } from '../auth/password.ts';
import { createUser, resetSecurity, updateUser } from './save-user.ts';
import { UserDto } from '../../shared/api/users.ts';
import { CreateUserBody, UpdateUserBody, UserIdParams } from './schemas.ts';

function present(u: UserRow, org: OrganisationRow): z.infer<typeof UserDto> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    organisation: { id: org.id, name: org.name, kind: org.kind },
    disabled: u.disabledAt !== null,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    totpEnrolled: u.totpEnabledAt !== null,
    externalLogin: u.oidcSubject !== null,
    isDemo: u.isDemo,
  };
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  const tags = ['users'];
  const withOrg = async (tx: Parameters<Parameters<typeof withTransaction>[1]>[0], u: UserRow) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, u.orgId));
    return present(u, org!);
  };

  app.get('/users', { schema: { tags, summary: 'Users with role and organisation (admin)', response: { 200: z.object({ users: z.array(UserDto) }) } } }, async (request) => {
    authorize(request.actor, 'users.manage');
    const rows = await database.db
      .select({ u: users, org: organisations })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .orderBy(asc(organisations.name), asc(users.username));
    return { users: rows.map((r) => present(r.u, r.org)) };
  });

  app.post('/users', { schema: { tags, summary: 'Create a user (admin)', body: CreateUserBody, response: { 201: UserDto } } }, async (request, reply) => {
    authorize(request.actor, 'users.manage');
    const actor = request.actor;
    const { password, ...rest } = request.body;
    const passwordHash = password ? await hashPassword(password) : null;
    const dto = await withTransaction(database.db, async (tx) => withOrg(tx, await createUser(tx, actor, { ...rest, passwordHash }, request.id)));
    return reply.code(201).send(dto);
  });

  app.put(
    '/users/:id',
    { schema: { tags, summary: 'Change, disable or re-enable a user (admin)', params: UserIdParams, body: UpdateUserBody, response: { 200: UserDto } } },
    async (request) => {
      authorize(request.actor, 'users.manage');
      const actor = request.actor;
      const { password, ...rest } = request.body;
      const changes = { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
      return withTransaction(database.db, async (tx) => withOrg(tx, await updateUser(tx, actor, request.params.id, changes, request.id)));
    },
  );

  for (const [path, what] of [['unlock', 'unlock'], ['reset-totp', 'reset_totp']] as const) {
    app.post(
      `/users/:id/${path}`,
      { schema: { tags, summary: what === 'unlock' ? 'Lift a lockout (admin)' : 'Remove the second factor; the user enrols again (admin)', params: UserIdParams, response: { 200: UserDto } } },
      async (request) => {
        authorize(request.actor, 'users.manage');
        const actor = request.actor;
        return withTransaction(database.db, async (tx) => withOrg(tx, await resetSecurity(tx, actor, request.params.id, what, request.id)));
      },
    );
  }
};
