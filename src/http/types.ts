// Fastify declarations shared by every route: the authenticated actor on the request, and the
// route config flag that opts a route out of authentication (never a URL prefix check).
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { DirectoryCache } from '../features/directory/directory-cache.ts';
import type { Actor } from '../shared/actor.ts';
import type { SessionState } from '../features/auth/present.ts';

export interface AuthSession extends SessionState {
  tokenHash: string;
}

export interface AppDeps {
  config: Config;
  database: Database;
  /** The time source of every domain operation; tests pass their own to stand at a given moment. */
  clock?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    directoryCache: DirectoryCache;
    now(): Date;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's CSRF token, when the request came with a valid session. */
    sessionCsrf: string | null;
    /** The live session behind `actor` (its token hash, timestamps and second-factor state). */
    authSession: AuthSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, docs). */
    public?: boolean;
    /** Answers a session still waiting for its one-time code (login's second step, me, logout). */
    allowPendingMfa?: boolean;
    /** Counted by the per-IP login rate limit. */
    rateLimit?: 'login';
    /**
     * Problem statuses the route answers that its shape does not imply, for the OpenAPI document
     * (src/http/openapi-operations.ts): 401 on a public route that checks a password itself
     * (login), 404 for a thing named in the body rather than the path (a password link's token).
     */
    problems?: readonly (401 | 404)[];
    /** Content-Security-Policy profile; the API docs UI needs its own, looser one. */
    csp?: 'docs';
  }
}
