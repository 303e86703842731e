// OpenID Connect login (authorization code flow with PKCE, state and nonce) through
// openid-client; registered only when OIDC_ISSUER is configured. The browser comes back from
// the IdP to /auth/oidc/callback, which creates the session and redirects to the app; any
// failure redirects to the login page with a generic notice (details in the audit log).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import { z } from 'zod';
import type { OidcConfig } from '../../config.ts';
import { logInWithOidc } from './log-in-oidc.ts';
import { mapClaims } from './oidc-claims.ts';
import { OIDC_STATE_COOKIE, OIDC_STATE_TTL_SECONDS, openState, sealState } from './oidc-state.ts';
import { sessionCookieName, sessionCookieOptions } from './session-token.ts';
import { withTransaction } from '../../db/transaction.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { wallClock } from './wall-clock.ts';

const FAILED_REDIRECT = '/?inloggning=misslyckades';
/** The login page then says the access waits for a second person's approval. */
const AWAITING_APPROVAL_REDIRECT = '/?inloggning=vantar';
const CONTINUE_PAGE =
  '<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">' +
  '<title>envagin</title></head><body><p><a href="/">Fortsätt till envagin</a></p></body></html>';

/** Discovery once per process; retried on the next login if the IdP was unreachable. */
function discoverer(oidc: OidcConfig, httpsOnly: boolean) {
  let pending: Promise<client.Configuration> | null = null;
  return () => {
    pending ??= client
      .discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, {
        // Plain-http issuers are accepted in demo mode only (config.ts refuses them outside it).
        ...(!httpsOnly && oidc.issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        pending = null;
        throw error;
      });
    return pending;
  };
}

export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, database } = app.deps;
  const oidc = config.oidc;
  if (!oidc) return;
  const configuration = discoverer(oidc, !config.demoMode);
  const stateCookie = { path: '/api/v1/auth/oidc', httpOnly: true, secure: config.cookieSecure, sameSite: 'lax' as const };

  app.get(
    '/auth/oidc/start',
    { config: { public: true, rateLimit: 'login' }, schema: { tags: ['auth'], summary: 'Start an OpenID Connect login: redirects to the identity provider' } },
    async (_request, reply) => {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: oidc.redirectUri,
        scope: oidc.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      const exp = Math.floor(wallClock().getTime() / 1000) + OIDC_STATE_TTL_SECONDS;
      // SameSite=Lax: the cookie must come back on the IdP's top-level redirect to the callback.
      reply.setCookie(OIDC_STATE_COOKIE, sealState({ state, nonce, codeVerifier, exp }, oidc.clientSecret), { ...stateCookie, maxAge: OIDC_STATE_TTL_SECONDS });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { public: true, rateLimit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Return from the identity provider: exchanges the code, maps role and organisation, sets the session cookie, redirects to the app',
        querystring: z.record(z.string(), z.string()),
      },
    },
    async (request, reply) => {
      const saved = openState(request.cookies[OIDC_STATE_COOKIE], oidc.clientSecret);
      reply.clearCookie(OIDC_STATE_COOKIE, stateCookie);
      const fail = async (reason: string, alreadyAudited = false) => {
        request.log.warn({ event: 'auth.oidc_failed', reason }, 'OpenID Connect login failed');
        if (!alreadyAudited) {
          await withTransaction(database.db, (tx) =>
            recordAudit(tx, { actor: null, action: 'auth.login_failed', requestId: request.id, details: { method: 'oidc', reason } }),
          );
        }
        return reply.redirect(FAILED_REDIRECT, 302);
      };
      if (!saved) return fail('missing_or_invalid_state_cookie');

      const currentUrl = new URL(oidc.redirectUri);
      currentUrl.search = new URLSearchParams(request.query).toString();
      let claims: Record<string, unknown>;
      try {
        const cfg = await configuration();
        const tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
          pkceCodeVerifier: saved.codeVerifier,
          expectedState: saved.state,
          expectedNonce: saved.nonce,
          idTokenExpected: true,
        });
        const idClaims: Record<string, unknown> = { ...tokens.claims() };
        // Role and organisation may come in the ID token or only from userinfo (per the IdP's policy).
        const info = await client.fetchUserInfo(cfg, tokens.access_token, String(idClaims.sub));
        claims = { ...info, ...idClaims };
      } catch (error) {
        // The library's error names the check that failed (state, nonce, PKCE, signature); no claims.
        return fail(`exchange_failed:${(error as { code?: string }).code ?? (error as Error).name}`);
      }
      const mapped = mapClaims(claims, oidc.issuer, oidc.roleClaim, oidc.orgClaim);
      if (!mapped.ok) return fail(mapped.reason);
      const result = await logInWithOidc(database.db, mapped.identity, request.id, config.sessionAbsoluteHours);
      if (!result.ok && result.reason === 'awaiting_approval') {
        request.log.info({ event: 'auth.oidc_awaiting_approval' }, 'OpenID Connect login waits for approval');
        return reply.redirect(AWAITING_APPROVAL_REDIRECT, 302);
      }
      if (!result.ok) return fail(result.reason, true);
      reply.setCookie(sessionCookieName(config), result.token, sessionCookieOptions(config, result.expiresAt));
      // Not a 302: after the IdP's cross-site redirect, browsers withhold SameSite=Strict cookies
      // for the rest of that redirect chain. A page that moves on by itself starts a same-site
      // navigation, so the app's first request already carries the new session.
      return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(CONTINUE_PAGE);
    },
  );
};
