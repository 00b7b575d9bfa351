import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const KNOWN_WEAK_SECRETS = new Set(['secret', 'changeme', 'change-me', 'jwt-secret', 'anchorlink', 'development']);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }).optional(),
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/, error: 'expected a comma-separated list of postgres:// URLs' })))
    .optional(),
  JWT_SECRET: z.string().optional(),
  SEED_DEMO: booleanFromEnv.optional(),
  SEED_DEMO_ACTIVITY: booleanFromEnv.default(true),
  MIGRATE_ON_START: booleanFromEnv.default(true),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// URL' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./.anchorlink'),
  EMBEDDED_PG_PORT: z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535).optional(),
  DB_POOL_SIZE: z.coerce.number({ error: 'expected an integer' }).int().min(1).max(500).default(20),
  STATEMENT_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(100).default(15000),
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'expected a comma-separated list of http(s) origins' })))
    .optional(),
  TRUST_PROXY: z.coerce.number({ error: 'expected the number of proxies in front of the API' }).int().min(0).max(10).default(0),
  LOGIN_MAX_FAILURES: z.coerce.number({ error: 'expected an integer' }).int().min(1).max(1000).default(10),
  RUN_WORKER: booleanFromEnv.default(true),
  WORKER_POLL_INTERVAL_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(500).max(60000).default(2000),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected the http(s) address users open' }).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Anchorlink 锚链 <no-reply@anchorlink.local>'),
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(100).max(60000).default(10000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(10).default(30000),
  WEBHOOK_RETRY_WINDOW_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int()
    .min(1000)
    .default(24 * 3600 * 1000),
  RETENTION_DAYS: z.coerce.number({ error: 'expected a number of days' }).int().min(1).max(3650).default(90),
  RETENTION_EXPIRED_DAYS: z.coerce.number({ error: 'expected a number of days' }).int().min(1).max(3650).default(30),
  IDEMPOTENCY_KEY_HOURS: z.coerce.number({ error: 'expected a number of hours (at least 1)' }).int().min(1).max(87600).default(24),
  RETENTION_BATCH_SIZE: z.coerce.number({ error: 'expected a number of rows' }).int().min(10).max(10000).default(1000),
  ENCRYPTION_KEY: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  PORTAL_DIR: z.string().min(1).default('apps/portal/dist'),
});

export interface AppConfigValues {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  /** Undefined: use the embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Streaming replicas for read-only GraphQL queries (read-your-writes kept); empty: all on the primary. */
  databaseReplicaUrls: string[];
  /** Undefined in development: a per-install secret is generated in DATA_DIR. */
  jwtSecret: string | undefined;
  seedDemo: boolean;
  /** With the demo data: order history, a forecast, rollouts, assessments (the tests load master data only). */
  seedDemoActivity: boolean;
  migrateOnStart: boolean;
  redisUrl: string | undefined;
  logLevel: string;
  dataDir: string;
  /** Asked for explicitly (used, or a refusal when busy); undefined: a free port, remembered in DATA_DIR. */
  embeddedPgPort: number | undefined;
  dbPoolSize: number;
  statementTimeoutMs: number;
  /** Origins allowed by CORS; empty: same origin only. */
  corsOrigins: string[];
  /** Proxies in front of the API whose X-Forwarded-For is trusted (for client IPs). */
  trustProxy: number;
  /** Failed sign-ins per account and per IP in 15 minutes before RATE_LIMITED. */
  loginMaxFailures: number;
  /** Run the outbox worker inside this process (a single process is a complete installation). */
  runWorker: boolean;
  workerPollIntervalMs: number;
  /** The address users open, for links in e-mails. */
  publicUrl: string;
  /** Undefined: e-mails are written to the log instead of sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Hosts a webhook may target although they resolve to private addresses (on-premises receivers); http allowed for them. */
  webhookAllowHosts: string[];
  webhookTimeoutMs: number;
  /** First retry delay of a failed webhook delivery; doubles per attempt (with jitter), capped at one hour. */
  webhookRetryBaseMs: number;
  /** How long a failing delivery is retried before it is marked FAILED. */
  webhookRetryWindowMs: number;
  /** Days delivered or failed webhook and e-mail deliveries, and dispatched outbox events, are kept (RetentionPruner). */
  retentionDays: number;
  /** Days refresh tokens are kept past their expiry, and invitations past their expiry or their use. */
  retentionExpiredDays: number;
  /** Hours an idempotency key is kept (after that a retry with it creates anew, as at Stripe). */
  idempotencyKeyHours: number;
  /** Rows one pruning statement deletes. */
  retentionBatchSize: number;
  /** Key material for secrets stored encrypted (webhook signing secrets); undefined: derived from the JWT secret. */
  encryptionKey: string | undefined;
  /** Bearer token for GET /metrics; unset: open outside production, disabled in production. */
  metricsToken: string | undefined;
  /** The built web portal (`npm run build:portal`), served at / when it exists. */
  portalDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and checks the environment once at start. A wrong value stops the
 * server with a message that names the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfigValues {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  if (isProduction) {
    if (!e.JWT_SECRET) throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production');
    if (e.JWT_SECRET.length < 32 || KNOWN_WEAK_SECRETS.has(e.JWT_SECRET.toLowerCase())) {
      throw new ConfigError('Invalid configuration:\n  JWT_SECRET: must be at least 32 characters and not a default value in production');
    }
  } else if (e.JWT_SECRET !== undefined && e.JWT_SECRET.length < 16) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: must be at least 16 characters');
  }
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrls: e.DATABASE_REPLICA_URLS ?? [],
    jwtSecret: e.JWT_SECRET,
    seedDemo: e.SEED_DEMO ?? e.DATABASE_URL === undefined,
    seedDemoActivity: e.SEED_DEMO_ACTIVITY,
    migrateOnStart: e.MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dbPoolSize: e.DB_POOL_SIZE,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    corsOrigins: e.CORS_ORIGINS ?? [],
    trustProxy: e.TRUST_PROXY,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    runWorker: e.RUN_WORKER,
    workerPollIntervalMs: e.WORKER_POLL_INTERVAL_MS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    webhookAllowHosts: e.WEBHOOK_ALLOW_HOSTS ?? [],
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    webhookRetryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
    webhookRetryWindowMs: e.WEBHOOK_RETRY_WINDOW_MS,
    retentionDays: e.RETENTION_DAYS,
    retentionExpiredDays: e.RETENTION_EXPIRED_DAYS,
    idempotencyKeyHours: e.IDEMPOTENCY_KEY_HOURS,
    retentionBatchSize: e.RETENTION_BATCH_SIZE,
    encryptionKey: e.ENCRYPTION_KEY,
    metricsToken: e.METRICS_TOKEN,
    portalDir: path.resolve(e.PORTAL_DIR),
  };
}

/**
 * Injection token and type of the checked configuration. Its fields are
 * AppConfigValues' (declaration merging), so they are listed once.
 */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the merge is the point */
export abstract class AppConfig {}
export interface AppConfig extends AppConfigValues {}
/* eslint-enable @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type */

/**
 * Outside production the JWT secret may be left unset: a random one is
 * generated once per installation and kept in DATA_DIR, so tokens survive restarts.
 */
export async function resolveJwtSecret(config: AppConfigValues): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const file = path.join(config.dataDir, 'jwt-secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    await fs.mkdir(config.dataDir, { recursive: true, mode: 0o711 });
    const secret = randomBytes(48).toString('base64url');
    await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

/**
 * For a process's main(): the checked configuration with its JWT secret
 * resolved, or the configuration errors printed and exit code 1.
 */
export async function loadProcessConfig(check: (config: AppConfigValues) => void = () => undefined): Promise<AppConfigValues> {
  try {
    const config = loadConfig();
    check(config);
    config.jwtSecret = await resolveJwtSecret(config);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
