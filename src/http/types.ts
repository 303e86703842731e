// Fastify declarations shared by every route: the authenticated actor on the request, and the
// route config flag that opts a route out of authentication (never a URL prefix check).
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { DirectoryCache } from '../features/directory/directory-cache.ts';
import type { Actor } from '../shared/actor.ts';

export interface AppDeps {
  config: Config;
  database: Database;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    directoryCache: DirectoryCache;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's CSRF token, when the request came with a valid session. */
    sessionCsrf: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, docs). */
    public?: boolean;
  }
}
