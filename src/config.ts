// Configuration from the environment, validated once at start. A bad value stops the process
// with a message naming the variable, rather than surfacing later as a confusing fault.
import { resolve } from 'node:path';
import { z } from 'zod';
import { purposeKey, secretKeyring, type SecretKeyring } from './secrets/sealed-secrets.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Demo mode seeds the demo directory and demo users on first start and prints their logins. */
  DEMO_MODE: bool.optional(),
  /** Public base URL, used for links in notifications. */
  PUBLIC_URL: z.url().optional(),
  /** Mark cookies Secure. Defaults to true in production. */
  COOKIE_SECURE: bool.optional(),
  // Fractions are allowed so browser tests can watch a session time out in seconds.
  SESSION_IDLE_MINUTES: z.coerce.number().min(0.1).max(24 * 60).default(30),
  /** How long before idle expiry the web app warns ("Du loggas snart ut"). */
  SESSION_WARNING_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** Login attempts (passwords and one-time codes) per client address per minute, counted across all instances. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /** OpenID Connect: the feature is on when OIDC_ISSUER is set (then client id, secret and redirect URI are required). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  OIDC_REDIRECT_URI: z.url().optional(),
  OIDC_SCOPES: z.string().regex(/^openid( [A-Za-z0-9_.:-]+)*$/, 'must start with "openid", space-separated').default('openid profile'),
  OIDC_ROLE_CLAIM: z.string().min(1).default('envagin_role'),
  OIDC_ORG_CLAIM: z.string().min(1).default('envagin_org'),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Gallring: days after a case is finished before each kind of personal data is purged. */
  RETENTION_REPORT_DAYS: z.coerce.number().int().min(1).max(36_500).default(1826),
  RETENTION_THREAD_DAYS: z.coerce.number().int().min(1).max(36_500).default(1826),
  RETENTION_CONTACT_LOG_DAYS: z.coerce.number().int().min(1).max(36_500).default(1826),
  /** Days after a notification was delivered (or given up) before its row and attempt history are deleted. */
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  /** Key for the keyed hash that lets the audit log find a person without storing their number. */
  AUDIT_PERSON_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Key that seals stored secrets (TOTP seeds, webhook signing keys); see src/secrets/sealed-secrets.ts. */
  SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The key SECRETS_KEY replaced, during a rotation: still opens, never seals; rows are resealed at start. */
  SECRETS_KEY_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@relay:587; unset = e-mail is not sent (dead-lettered). */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).max(200).default('envagin <noreply@envagin.invalid>'),
  /** The deadline/outbox engine's polling fallback when no NOTIFY arrives. */
  ENGINE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  ENGINE_ENABLED: bool.optional(),
  ENGINE_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  /** First retry delay of a failed e-mail or webhook delivery; doubles each attempt. */
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
});

export interface Config {
  /** Gallring periods in days, counted from when a case was finished (closed, forwarded, returned). */
  retention: RetentionPeriods;
  /** Key of the audit log's person references (src/audit/person-ref.ts). */
  auditPersonKey: string;
  /** Seals and opens stored secrets. */
  secrets: SecretKeyring;
  /** Keys the hash under which a client address is counted for the login rate limit. */
  loginRateKey: Buffer;
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  poolSize: number;
  logLevel: string;
  demoMode: boolean;
  publicUrl: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  sessionWarningSeconds: number;
  loginRateLimitPerMinute: number;
  oidc: OidcConfig | null;
  /** The deadline and notification engine (src/jobs). */
  engine: EngineConfig;
}

export interface EngineConfig {
  enabled: boolean;
  pollMs: number;
  batchSize: number;
  retryBaseMs: number;
  smtpUrl: string | null;
  mailFrom: string;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
  roleClaim: string;
  orgClaim: string;
}

function oidcConfig(e: z.infer<typeof EnvSchema>, production: boolean): OidcConfig | null {
  const given = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URI];
  if (given.every((v) => v === undefined)) return null;
  const missing = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].filter((_, i) => given[i] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${missing.map((m) => `  ${m}: required when OpenID Connect is configured`).join('\n')}`);
  }
  if (production && !e.OIDC_ISSUER!.startsWith('https://')) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER: must be https:// in production');
  }
  return {
    issuer: e.OIDC_ISSUER!,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    redirectUri: e.OIDC_REDIRECT_URI!,
    scopes: e.OIDC_SCOPES,
    roleClaim: e.OIDC_ROLE_CLAIM,
    orgClaim: e.OIDC_ORG_CLAIM,
  };
}

export interface RetentionPeriods {
  reportDays: number;
  threadDays: number;
  contactLogDays: number;
  /** Finished notification deliveries (not personal data of the child, but staff addresses and case numbers). */
  outboxDays: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demoMode = e.DEMO_MODE ?? !production;
  if (production && demoMode) {
    throw new ConfigError('Invalid configuration:\n  DEMO_MODE: demo users must never exist in production');
  }
  if (production && !e.AUDIT_PERSON_KEY) {
    throw new ConfigError('Invalid configuration:\n  AUDIT_PERSON_KEY: required in production (at least 32 random characters)');
  }
  if (production && !e.SECRETS_KEY) {
    throw new ConfigError('Invalid configuration:\n  SECRETS_KEY: required in production (at least 32 random characters)');
  }
  const secretsKey = e.SECRETS_KEY ?? 'envagin-development-secrets-key-not-for-production';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: resolve(e.DATA_DIR),
    poolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    demoMode,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    cookieSecure: e.COOKIE_SECURE ?? production,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    sessionWarningSeconds: e.SESSION_WARNING_SECONDS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    oidc: oidcConfig(e, production),
    engine: {
      enabled: e.ENGINE_ENABLED ?? true,
      pollMs: e.ENGINE_POLL_MS,
      batchSize: e.ENGINE_BATCH_SIZE,
      retryBaseMs: e.OUTBOX_RETRY_BASE_MS,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
    },
    // Development and demo only: production refuses to start without its own key (above).
    auditPersonKey: e.AUDIT_PERSON_KEY ?? 'envagin-development-key-not-for-production',
    // Likewise: a development key, refused in production (above).
    secrets: secretKeyring([secretsKey, ...(e.SECRETS_KEY_PREVIOUS ? [e.SECRETS_KEY_PREVIOUS] : [])]),
    loginRateKey: purposeKey(secretsKey, 'login rate limit v1'),
    retention: { reportDays: e.RETENTION_REPORT_DAYS, threadDays: e.RETENTION_THREAD_DAYS, contactLogDays: e.RETENTION_CONTACT_LOG_DAYS, outboxDays: e.RETENTION_OUTBOX_DAYS },
  };
}
