// Configuration from the environment, validated once at start. A bad value stops the process
// with a message naming the variable, rather than surfacing later as a confusing fault.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { purposeKey, secretKeyring, type SecretKeyring } from './secrets/sealed-secrets.ts';
import type { WebhookTargetRule } from './jobs/webhook-target.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Demo mode (also `envagin serve --demo`, which `npm start` passes): seeds the demo directory and
   * demo users on first start, prints their logins, and may run on development keys and plain-http
   * cookies. Off unless asked for: without it the server needs its own secrets (REQUIRED_SECRETS).
   */
  DEMO_MODE: bool.optional(),
  DEMO_SAMPLE_CASE: bool.optional(),
  /** Public base URL, used for links in notifications. */
  PUBLIC_URL: z.url().optional(),
  /** Mark cookies Secure (and name the session cookie __Host-…). Always on outside demo mode; demo mode defaults to off (plain http on localhost). */
  COOKIE_SECURE: bool.optional(),
  // Fractions are allowed so browser tests can watch a session time out in seconds.
  SESSION_IDLE_MINUTES: z.coerce.number().min(0.1).max(24 * 60).default(30),
  /** How long before idle expiry the web app warns ("Du loggas snart ut"). */
  SESSION_WARNING_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** Login attempts (passwords and one-time codes) per client address per minute, counted across all instances. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /**
   * The load balancers in front, comma-separated addresses or CIDR ranges (e.g. 10.0.0.5,10.0.1.0/24).
   * Only a request from one of them has its client address taken from X-Forwarded-For; unset, the
   * header is ignored (anyone could send it). Behind a balancer, without it every client shares the
   * balancer's address and with it one login budget.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*$/, 'must be comma-separated IP addresses or CIDR ranges')
    .optional(),
  /** Denied reads of cases by one user within the window that alert the auditors (once per window). */
  DENIED_READS_ALERT_THRESHOLD: z.coerce.number().int().min(1).max(10_000).default(10),
  DENIED_READS_ALERT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
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
  /** Days after a password link (invitation or reset) was used or expired before it is deleted. */
  RETENTION_PASSWORD_LINK_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  /** Days after an access request was approved or rejected before it is deleted (two yearly access reviews); the audit rows stay. */
  RETENTION_ACCESS_REQUEST_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
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
  /**
   * Prometheus metrics outside demo mode: on a listener of their own at METRICS_HOST:METRICS_PORT
   * (host 127.0.0.1 unless set), and/or at /metrics on the main port for a bearer METRICS_TOKEN.
   * Neither set: no metrics are served. Demo mode also serves /metrics openly on the main port.
   */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Host names a webhook may post to although they resolve to a loopback, private or link-local
   * address (comma-separated; outside demo mode every other such target is refused).
   */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
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
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  poolSize: number;
  logLevel: string;
  /** Where outgoing webhooks may post (src/jobs/webhook-target.ts): https only and no internal address outside demo mode. */
  webhookTargets: WebhookTargetRule;
  /** The one switch for everything demo: demo users and data, development keys, plain-http cookies, open /metrics. */
  demoMode: boolean;
  /** In demo mode: also file the sample case with information requests on first start (off for a clean demo, e.g. training). */
  demoSampleCase: boolean;
  /**
   * Secrets the environment did not give (outside demo mode): `serve` refuses to start while any
   * is missing (requireSecrets). Commands that need none (route, coverage, doctor…) still run.
   */
  missingSecrets: string[];
  /** Where Prometheus metrics are served (METRICS_*); `open` only in demo mode. */
  metrics: MetricsConfig;
  publicUrl: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  sessionWarningSeconds: number;
  loginRateLimitPerMinute: number;
  /** Addresses/ranges of the load balancers whose X-Forwarded-For is believed; empty: none. */
  trustProxy: string[];
  /** A burst of denied case reads: this many by one user within the window alerts the auditors. */
  deniedReadsAlert: { threshold: number; windowMinutes: number };
  oidc: OidcConfig | null;
  /** The deadline and notification engine (src/jobs). */
  engine: EngineConfig;
}

export interface MetricsConfig {
  /** /metrics on the main port without credentials (demo mode only). */
  open: boolean;
  /** /metrics on the main port for `Authorization: Bearer <token>`; null = not on the main port (unless open). */
  token: string | null;
  /** A listener of its own serving only /metrics; null = none. */
  listener: { host: string; port: number } | null;
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

function oidcConfig(e: z.infer<typeof EnvSchema>, demoMode: boolean): OidcConfig | null {
  const given = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URI];
  if (given.every((v) => v === undefined)) return null;
  const missing = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].filter((_, i) => given[i] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${missing.map((m) => `  ${m}: required when OpenID Connect is configured`).join('\n')}`);
  }
  if (!demoMode && !e.OIDC_ISSUER!.startsWith('https://')) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER: must be https:// outside demo mode');
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
  /** Used or expired password links (src/features/retention/purge-account-records.ts). */
  passwordLinkDays: number;
  /** Approved or rejected access requests. */
  accessRequestDays: number;
}

export class ConfigError extends Error {}

/** What the server cannot run without outside demo mode (demo mode uses published development keys instead). */
export const REQUIRED_SECRETS = ['AUDIT_PERSON_KEY', 'SECRETS_KEY'] as const;

export interface LoadOptions {
  /** Demo asked for on the command line (`--demo`). Without it, demo mode is on only when DEMO_MODE is. */
  demo?: boolean;
}

/** Stops a command that needs the installation's own secrets when any is missing, naming every one. */
export function requireSecrets(config: Pick<Config, 'missingSecrets'>): void {
  if (config.missingSecrets.length === 0) return;
  throw new ConfigError(
    `Refusing to start: secrets missing (not in demo mode; for the demo, run \`envagin serve --demo\` or npm start):\n${config.missingSecrets
      .map((name) => `  ${name}: required outside demo mode (at least 32 random characters)`)
      .join('\n')}`,
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (options.demo && e.DEMO_MODE === false) {
    throw new ConfigError('Invalid configuration:\n  DEMO_MODE: false, but --demo was given');
  }
  const demoMode = options.demo === true || e.DEMO_MODE === true;
  if (!demoMode && e.COOKIE_SECURE === false) {
    throw new ConfigError('Invalid configuration:\n  COOKIE_SECURE: cookies are always Secure outside demo mode');
  }
  const missingSecrets = demoMode ? [] : REQUIRED_SECRETS.filter((name) => !e[name]);
  // Demo mode runs on published development keys. Outside it a missing key is listed in
  // missingSecrets (serve refuses to start) and stands in as a random key of this process only,
  // so a command that does not need it never uses a key anyone else knows.
  const fallback = (published: string) => (demoMode ? published : randomBytes(32).toString('base64url'));
  const secretsKey = e.SECRETS_KEY ?? fallback('envagin-development-secrets-key-not-for-production');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: resolve(e.DATA_DIR),
    poolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    demoMode,
    demoSampleCase: demoMode && (e.DEMO_SAMPLE_CASE ?? true),
    missingSecrets,
    metrics: {
      open: demoMode,
      token: e.METRICS_TOKEN ?? null,
      listener: e.METRICS_PORT === undefined ? null : { host: e.METRICS_HOST, port: e.METRICS_PORT },
    },
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    cookieSecure: demoMode ? (e.COOKIE_SECURE ?? false) : true,
    webhookTargets: {
      enforce: !demoMode,
      allowedHosts: new Set(e.WEBHOOK_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '')),
    },
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    sessionWarningSeconds: e.SESSION_WARNING_SECONDS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY?.split(',') ?? [],
    deniedReadsAlert: { threshold: e.DENIED_READS_ALERT_THRESHOLD, windowMinutes: e.DENIED_READS_ALERT_WINDOW_MINUTES },
    oidc: oidcConfig(e, demoMode),
    engine: {
      enabled: e.ENGINE_ENABLED ?? true,
      pollMs: e.ENGINE_POLL_MS,
      batchSize: e.ENGINE_BATCH_SIZE,
      retryBaseMs: e.OUTBOX_RETRY_BASE_MS,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
    },
    auditPersonKey: e.AUDIT_PERSON_KEY ?? fallback('envagin-development-key-not-for-production'),
    secrets: secretKeyring([secretsKey, ...(e.SECRETS_KEY_PREVIOUS ? [e.SECRETS_KEY_PREVIOUS] : [])]),
    loginRateKey: purposeKey(secretsKey, 'login rate limit v1'),
    retention: { reportDays: e.RETENTION_REPORT_DAYS, threadDays: e.RETENTION_THREAD_DAYS, contactLogDays: e.RETENTION_CONTACT_LOG_DAYS, outboxDays: e.RETENTION_OUTBOX_DAYS, passwordLinkDays: e.RETENTION_PASSWORD_LINK_DAYS, accessRequestDays: e.RETENTION_ACCESS_REQUEST_DAYS },
  };
}
