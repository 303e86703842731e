// User accounts (admin). Every mutation has the handler shape of the case routes: authenticate
// (hook) → validate (zod, schemas.ts) → authorize → in one transaction: load → the operation (its
// own file, writing its audit row) → present. Authorization is by role alone (users.manage), so
// it runs before the load.
//
// An admin never chooses or learns a password (DESIGN.md rule 6): a new user is invited by e-mail
// to set their own, and a reset sends a link to the user's own address (password-links.ts). A
// new account, or a new role, organisation or address of one, whose role reads case content or
// administers waits for a second person (request-access.ts, access-routes.ts): the answer then
// says so (202 with the request) and changes nothing of it until approval.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Tx, AccountRow } from '../../db/types.ts';
import { withAdminTransaction } from '../../db/actor-transaction.ts';
import { needsApproval } from '../../policies/access-requests.ts';
import { authorize } from '../../policies/permissions.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { CreateUserResultDto, PasswordLinkDto, UserDto } from '../../shared/api/users.ts';
import { accessRoutes } from './access-routes.ts';
import { createUser } from './create-user.ts';
import { issuePasswordLink } from './password-links.ts';
import { presentAccessRequest, presentPasswordLink, presentUser } from './present.ts';
import { getOrganisation, getUserForUpdate, listPasswordLinks, listUsers } from './queries.ts';
import { requestAccess } from './request-access.ts';
import { resetUserTotp } from './reset-user-totp.ts';
import { CreateUserBody, UpdateUserBody, UserIdParams } from './schemas.ts';
import { unlockUser } from './unlock-user.ts';
import { updateUser, type UserChanges } from './update-user.ts';

/** The security resets: each a POST /users/:id/<path> without a body. */
const resets: { path: string; summary: string; run(tx: Tx, input: { actor: Actor; user: AccountRow; requestId: string }): Promise<AccountRow> }[] = [
  { path: 'unlock', summary: 'Lift a lockout (admin)', run: unlockUser },
  { path: 'reset-totp', summary: 'Remove the second factor; the user enrols again (admin)', run: resetUserTotp },
];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const tags = ['users'];
  const present = async (tx: Tx, u: AccountRow) => presentUser(u, await getOrganisation(tx, u.orgId), app.now());

  app.get('/users', { schema: { tags, summary: 'Users with role and organisation (admin)', response: { 200: z.object({ users: z.array(UserDto) }) } } }, async (request) => {
    const actor = request.actor;
    authorize(actor, 'users.manage');
    const now = app.now();
    return { users: (await withAdminTransaction(database.db, actor, listUsers)).map((r) => presentUser(r.user, r.organisation, now)) };
  });

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user (admin): invited by e-mail to set their own password; a role that reads case content or administers first needs a second person (202)',
        body: CreateUserBody,
        response: { 201: CreateUserResultDto, 202: CreateUserResultDto },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'users.manage');
      const now = app.now();
      const body = request.body;
      if (needsApproval(body.role)) {
        const dto = await withAdminTransaction(database.db, actor, async (tx) => {
          const row = await requestAccess(tx, { actor, user: null, access: body, requestId: request.id });
          return { request: presentAccessRequest({ request: row, organisation: await getOrganisation(tx, row.orgId), requesterName: actor.displayName, current: null }, false), user: null };
        });
        return reply.code(202).send(dto);
      }
      const dto = await withAdminTransaction(database.db, actor, async (tx) => {
        const user = await createUser(tx, { actor, user: { ...body, passwordHash: null }, requestId: request.id });
        await issuePasswordLink(tx, { actor, user, purpose: 'invitation', secrets: config.secrets, now, requestId: request.id });
        return { user: await present(tx, user), request: null };
      });
      return reply.code(201).send(dto);
    },
  );

  app.put(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change, disable or re-enable a user (admin); a new role, organisation or e-mail address that needs a second person is asked for (access-requests), not applied',
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: UserDto },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'users.manage');
      return withAdminTransaction(database.db, actor, async (tx) => {
        const user = await getUserForUpdate(tx, request.params.id);
        const { role, orgId, email, ...direct } = request.body;
        const access = { role: role ?? user.role, orgId: orgId ?? user.orgId, email: email === undefined ? user.email : email };
        const moves = access.role !== user.role || access.orgId !== user.orgId || access.email !== user.email;
        let changes: UserChanges = direct;
        if (moves && needsApproval(access.role)) {
          if (!access.email) throw new AppError('VALIDATION_FAILED', 'Ange en e-postadress.', [{ path: 'body.email', message: 'Ange en e-postadress' }]);
          await requestAccess(tx, { actor, user, access: { username: user.username, displayName: direct.displayName ?? user.displayName, role: access.role, orgId: access.orgId, email: access.email }, requestId: request.id });
        } else {
          changes = { ...direct, ...(role === undefined ? {} : { role }), ...(orgId === undefined ? {} : { orgId }), ...(email === undefined ? {} : { email }) };
        }
        const updated = Object.keys(changes).length > 0 ? await updateUser(tx, { actor, user, changes, requestId: request.id }) : user;
        return present(tx, updated);
      });
    },
  );

  app.post(
    '/users/:id/password-reset',
    { schema: { tags, summary: "Send a single-use link to the user's own e-mail address to set a new password (admin); the admin never sees it", params: UserIdParams, response: { 200: UserDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'users.manage');
      return withAdminTransaction(database.db, actor, async (tx) => {
        const user = await getUserForUpdate(tx, request.params.id);
        await issuePasswordLink(tx, { actor, user, purpose: 'reset', secrets: config.secrets, now: app.now(), requestId: request.id });
        return present(tx, user);
      });
    },
  );

  app.get(
    '/invitations',
    { schema: { tags, summary: 'The latest invitation and reset links, their state and e-mail delivery (admin); never a token', response: { 200: z.object({ links: z.array(PasswordLinkDto) }) } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'users.manage');
      const now = app.now();
      return { links: (await withAdminTransaction(database.db, actor, (tx) => listPasswordLinks(tx, 200))).map((r) => presentPasswordLink(r, now)) };
    },
  );

  for (const reset of resets) {
    app.post(`/users/:id/${reset.path}`, { schema: { tags, summary: reset.summary, params: UserIdParams, response: { 200: UserDto } } }, async (request) => {
      const actor = request.actor;
      authorize(actor, 'users.manage');
      return withAdminTransaction(database.db, actor, async (tx) => {
        const user = await getUserForUpdate(tx, request.params.id);
        return present(tx, await reset.run(tx, { actor, user, requestId: request.id }));
      });
    });
  }

  await app.register(accessRoutes);
};
