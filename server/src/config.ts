/**
 * The one reader of `process.env` (README.md, "Configuration"). Every variable is validated at
 * start; a bad value stops the server with a message naming the variable and what was expected.
 */
import { z } from 'zod';
import { oidcEnv, readOidcConfig, type OidcConfig } from './config-oidc.ts';
import { addressesOrSubnets, flag, integer, url } from './config-values.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: integer(0, 65535).default(1234),
  HOST: z.string().trim().min(1, 'expected a host name or address').default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1, 'expected a directory path').default('./data'),
  AUTH_SECRET: z.string().min(16, 'expected a secret of at least 16 characters').optional(),
  AUTH_JWKS_URL: url(['https:', 'http:']).optional(),
  AUTH_ALLOW_TOKENS_WITHOUT_EXP: flag.default(false),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(url(['https:', 'http:'])))
    .optional(),
  TRUST_PROXY: addressesOrSubnets.optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  DURABILITY: z.enum(['wal', 'fsync'], { message: 'expected "wal" or "fsync"' }).default('wal'),
  MAX_MESSAGE_BYTES: integer(1024, 256 * 1024 * 1024).default(1024 * 1024),
  MAX_FILE_BYTES: integer(1, 64 * 1024 * 1024 * 1024).default(25 * 1024 * 1024),
  RATE_LIMIT_PER_SECOND: integer(1, 1_000_000).default(100),
  MAX_CONNECTIONS_PER_DOC: integer(1, 1_000_000).default(200),
  MAX_CONNECTIONS_PER_USER: integer(1, 1_000_000).default(200),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  WEB_ROOT: z.string().trim().min(1, 'expected a directory path').optional(),
  ...oidcEnv,
  CONCORD_TEST_CRASH_AT: z.enum(['after-commit', 'mid-batch'], { message: 'expected "after-commit" or "mid-batch"' }).optional(),
});

export type Durability = 'wal' | 'fsync';
export type TestCrashPoint = 'after-commit' | 'mid-batch';
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** HS256 secret; with neither this nor `authJwksUrl` the server runs in dev mode. */
  authSecret?: string;
  authJwksUrl?: string;
  /**
   * Whether a token without `exp` is admitted. Off by default: such a token would be valid forever,
   * and an open connection could never be ended by its expiry (README, Configuration).
   */
  allowTokensWithoutExp: boolean;
  /** Origins allowed to open a WebSocket; empty means any (browsers only send it, tools do not). */
  allowedOrigins: string[];
  /**
   * Load balancers and proxies (addresses or CIDR subnets) whose `X-Forwarded-For` names the client
   * a request came from (http/client-address.ts); empty: the header is ignored.
   */
  trustedProxies: string[];
  databaseUrl?: string;
  redisUrl?: string;
  durability: Durability;
  maxMessageBytes: number;
  /** Largest file `POST /api/files` takes (README, Files). */
  maxFileBytes: number;
  rateLimitPerSecond: number;
  maxConnectionsPerDoc: number;
  maxConnectionsPerUser: number;
  logLevel: LogLevel;
  /** The built web app to serve; the repository's web/dist when unset (the journeys serve a test build). */
  webRoot?: string;
  devMode: boolean;
  /** Sign-in with an OpenID Connect provider (README, Sign-in); needs `authSecret`. */
  oidc?: OidcConfig;
  /**
   * Test only: SQLite kills the process in a group commit of two or more appends, halfway through
   * writing it or after it committed and before any of it is acknowledged (storage/test-crash.ts).
   */
  testCrashAt?: TestCrashPoint;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((key) => [key, env[key]])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        const got = key in present ? ` (got ${JSON.stringify(present[key])})` : '';
        return `${key}: ${issue.message}${got}`;
      }),
    );
  }
  const e = parsed.data;
  const { oidc, problems } = readOidcConfig(e, e.AUTH_SECRET);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    authSecret: e.AUTH_SECRET,
    authJwksUrl: e.AUTH_JWKS_URL,
    allowTokensWithoutExp: e.AUTH_ALLOW_TOKENS_WITHOUT_EXP,
    allowedOrigins: e.ALLOWED_ORIGINS ?? [],
    trustedProxies: e.TRUST_PROXY ?? [],
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    durability: e.DURABILITY,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxFileBytes: e.MAX_FILE_BYTES,
    rateLimitPerSecond: e.RATE_LIMIT_PER_SECOND,
    maxConnectionsPerDoc: e.MAX_CONNECTIONS_PER_DOC,
    maxConnectionsPerUser: e.MAX_CONNECTIONS_PER_USER,
    logLevel: e.LOG_LEVEL,
    webRoot: e.WEB_ROOT,
    devMode: !e.AUTH_SECRET && !e.AUTH_JWKS_URL,
    ...(oidc ? { oidc } : {}),
    testCrashAt: e.CONCORD_TEST_CRASH_AT,
  };
}
