// The set-password page's two calls (public: the token is the credential). Registered inside the
// auth routes so that they share the login's rate limit per client address: a token is 256 bits,
// but nobody gets to try them quickly. The token travels in the body, never in a URL. An unknown,
// used and expired token get the same answer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { requiresMfa } from '../../policies/mfa.ts';
import { PasswordLinkInfoDto } from '../../shared/api/users.ts';
import { AppError } from '../../shared/errors.ts';
import { hashPassword } from '../auth/password.ts';
import { getUsableLinkForUpdate } from './password-links.ts';
import { PasswordLinkBody, SetPasswordBody } from './schemas.ts';
import { setOwnPassword } from './set-own-password.ts';

export const passwordLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  const tags = ['auth'];
  // The link's token is in the body: an unknown, used or expired one is 404.
  const config = { public: true, rateLimit: 'login' as const, problems: [404] as const };

  app.post(
    '/auth/password-link',
    { config, schema: { tags, summary: 'What an invitation or reset link is for (its token in the body), before the user chooses a password', body: PasswordLinkBody, response: { 200: PasswordLinkInfoDto } } },
    async (request) =>
      withTransaction(database.db, async (tx) => {
        const link = await getUsableLinkForUpdate(tx, request.body.token, app.now());
        const [user] = await tx.select().from(users).where(eq(users.id, link.userId));
        if (!user || user.disabledAt) throw new AppError('NOT_FOUND', 'Länken är ogiltig, redan använd eller har gått ut. Be din administratör om en ny.');
        return { username: user.username, displayName: user.displayName, purpose: link.purpose, expiresAt: link.expiresAt.toISOString(), mfaRequired: requiresMfa(user.role) };
      }),
  );

  app.post(
    '/auth/password-link/password',
    { config, schema: { tags, summary: 'Set one’s own password with an invitation or reset link; the link is used up and every session of the account ends', body: SetPasswordBody, response: { 204: z.null() } } },
    async (request, reply) => {
      // Hashed before the transaction: argon2 takes tens of milliseconds and must not hold the link's lock.
      const passwordHash = await hashPassword(request.body.password);
      await withTransaction(database.db, async (tx) => {
        const link = await getUsableLinkForUpdate(tx, request.body.token, app.now());
        await setOwnPassword(tx, { link, passwordHash, now: app.now(), requestId: request.id });
      });
      return reply.code(204).send(null);
    },
  );
};
