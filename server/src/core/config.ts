import path from 'node:path';
import { bool, cleanEnv, makeValidator, port, str, url } from 'envalid';
import { projectRoot } from './db/paths.js';
import { defaultQueryLimits, type QueryLimits } from './graphql/protection.js';
import { defaultRateLimits, RATE_LIMIT_RULES, type RateLimitRule, type RateLimitSettings } from './rate-limit.js';

/** Process configuration, read once from the environment. Everything has a default so a fresh clone runs. */
export interface AppConfig {
  /** `NODE_ENV=production`: no development conveniences (e.g. GraphQL field suggestions). */
  production: boolean;
  /** When absent the project starts its own embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Streaming replicas of DATABASE_URL that anonymous public reads may use (empty: everything on the primary). */
  databaseReplicaUrls: string[];
  host: string;
  port: number;
  /** Origin printed to the user and used in links (e.g. calendar feeds); WebSockets from it are accepted. */
  publicOrigin: string;
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean;
  smtpUrl: string | undefined;
  redisUrl: string | undefined;
  /** Prefix of this deployment's Redis channels; unset: `razem:<database name>`. */
  redisChannelPrefix: string | undefined;
  /** Serve the built SvelteKit app from the same port (one URL locally). */
  serveWeb: boolean;
  /** Compress answers here; off where a proxy in front compresses (docker-compose's Caddy). */
  compressResponses: boolean;
  /** Load the invented demo data into an empty database. */
  seedDemoData: boolean;
  embeddedPostgresPort: number;
  /** Where the embedded PostgreSQL keeps its files (git-ignored). */
  embeddedPostgresDir: string;
  logLevel: string;
  /** Readable log lines instead of JSON (default outside production). */
  prettyLogs: boolean;
  /** On SIGTERM, how long to keep serving while load balancers notice /ready failing. */
  shutdownDelayMs: number;
  /** Express's `trust proxy`: which hops may tell the client's address in X-Forwarded-For. */
  trustProxy: string;
  queryLimits: QueryLimits;
  /** Bearer token that unlocks `/metrics`; unset: no metrics endpoint. */
  metricsToken: string | undefined;
  /** null: rate limits off (`RATE_LIMITS=off`, for benchmarks). */
  rateLimits: RateLimitSettings | null;
}

/** `points/seconds[/blockSeconds]`, e.g. `10/60/300`: 10 per minute, then 5 minutes' wait. */
const rateRule = makeValidator<RateLimitRule>((value) => {
  const match = /^(\d+)\/(\d+)(?:\/(\d+))?$/.exec(value.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error('expected points/seconds[/blockSeconds], e.g. 10/60/300');
  return { points: Number(match[1]), durationSeconds: Number(match[2]), blockSeconds: Number(match[3] ?? 0) };
});
const positive = makeValidator<number>((value) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error('expected a whole number above 0');
  return n;
});
const milliseconds = makeValidator<number>((value) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 600_000) throw new Error('expected milliseconds between 0 and 600000');
  return n;
});
/** Comma-separated PostgreSQL URLs. */
const postgresUrls = makeValidator<string[]>((value) => {
  const urls = value.split(',').map((u) => u.trim()).filter(Boolean);
  for (const u of urls) {
    let protocol: string;
    try {
      protocol = new URL(u).protocol;
    } catch {
      throw new Error(`not a URL: ${u}`);
    }
    if (protocol !== 'postgresql:' && protocol !== 'postgres:') throw new Error(`expected postgresql:// URLs, got ${protocol}`);
  }
  return urls;
});
const envName = (rule: string) => `RATE_LIMIT_${rule.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Every variable the server reads, with its type and default. */
function variables() {
  const rateSpecs = Object.fromEntries(RATE_LIMIT_RULES.map((rule) => [envName(rule), rateRule({ default: defaultRateLimits[rule] })]));
  return {
    NODE_ENV: str({ choices: ['development', 'production', 'test'], default: undefined }),
    DATABASE_URL: url({ default: undefined }),
    DATABASE_REPLICA_URLS: postgresUrls({ default: [], desc: 'comma-separated read replicas of DATABASE_URL' }),
    HOST: str({ default: '127.0.0.1' }),
    PORT: port({ default: 3000 }),
    PUBLIC_ORIGIN: url({ default: undefined }),
    SMTP_URL: url({ default: undefined }),
    REDIS_URL: url({ default: undefined }),
    REDIS_CHANNEL_PREFIX: str({ default: undefined }),
    SERVE_WEB: bool({ default: true }),
    COMPRESS_RESPONSES: bool({ default: true, desc: 'false where a reverse proxy in front compresses' }),
    SEED_DEMO_DATA: bool({ default: true }),
    EMBEDDED_PG_PORT: port({ default: 54329 }),
    EMBEDDED_PG_DIR: str({ default: path.join(projectRoot, '.data', 'postgres') }),
    SHUTDOWN_DELAY_MS: milliseconds({ default: 0, desc: 'milliseconds; e.g. 5000 behind a load balancer probing /ready' }),
    LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
    LOG_FORMAT: str({ choices: ['json', 'pretty'], default: undefined }),
    TRUST_PROXY: str({ default: 'loopback', desc: 'e.g. "loopback, uniquelocal" behind a proxy on a private network' }),
    QUERY_MAX_TOKENS: positive({ default: defaultQueryLimits.maxTokens }),
    QUERY_MAX_DEPTH: positive({ default: defaultQueryLimits.maxDepth }),
    QUERY_MAX_ALIASES: positive({ default: defaultQueryLimits.maxAliases }),
    QUERY_MAX_DIRECTIVES: positive({ default: defaultQueryLimits.maxDirectives }),
    QUERY_MAX_COST: positive({ default: defaultQueryLimits.maxCost }),
    METRICS_TOKEN: str({ default: undefined, desc: 'at least 16 characters; Prometheus sends it as a bearer token' }),
    RATE_LIMITS: str({ choices: ['on', 'off'], default: 'on' }),
    ...rateSpecs,
  };
}

/** The names of every variable the server reads (deployment files are checked against them). */
export const configVariableNames = (): string[] => Object.keys(variables());

/** Reads and checks the environment; a wrong value stops the start with the variable's name and why. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // `NAME=` (empty) means "not set", as in most .env files and compose files.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const e = cleanEnv(given, variables(), { reporter: ({ errors }) => {
    const problems = Object.entries(errors).map(([name, error]) => `${name}: ${(error as Error).message}`);
    if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  } });
  const problems: string[] = [];
  if (e.METRICS_TOKEN !== undefined && e.METRICS_TOKEN.length < 16) problems.push('METRICS_TOKEN: expected at least 16 characters');
  // The production image leaves the embedded PostgreSQL out: it is for trying the app locally.
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
  // Replicas of the embedded PostgreSQL cannot exist: it is started here, with no replication set up.
  if (e.DATABASE_REPLICA_URLS.length && !e.DATABASE_URL) problems.push('DATABASE_REPLICA_URLS: needs DATABASE_URL (replicas of the embedded PostgreSQL do not exist)');
  if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  const publicOrigin = (e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const production = e.NODE_ENV === 'production';
  const rateValues = e as unknown as Record<string, RateLimitRule>;
  return {
    production,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseReplicaUrls: e.DATABASE_REPLICA_URLS,
    host: e.HOST,
    port: e.PORT,
    publicOrigin,
    secureCookies: publicOrigin.startsWith('https:'),
    smtpUrl: e.SMTP_URL || undefined,
    redisUrl: e.REDIS_URL || undefined,
    redisChannelPrefix: e.REDIS_CHANNEL_PREFIX || undefined,
    serveWeb: e.SERVE_WEB,
    compressResponses: e.COMPRESS_RESPONSES,
    seedDemoData: e.SEED_DEMO_DATA,
    embeddedPostgresPort: e.EMBEDDED_PG_PORT,
    embeddedPostgresDir: e.EMBEDDED_PG_DIR,
    trustProxy: e.TRUST_PROXY,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    logLevel: e.LOG_LEVEL,
    prettyLogs: (e.LOG_FORMAT ?? (production ? 'json' : 'pretty')) === 'pretty',
    queryLimits: {
      ...defaultQueryLimits,
      maxTokens: e.QUERY_MAX_TOKENS, maxDepth: e.QUERY_MAX_DEPTH, maxAliases: e.QUERY_MAX_ALIASES,
      maxDirectives: e.QUERY_MAX_DIRECTIVES, maxCost: e.QUERY_MAX_COST, // Only when someone asked for development explicitly: `npm start` faces users.
      fieldSuggestions: e.NODE_ENV === 'development',
    },
    metricsToken: e.METRICS_TOKEN,
    rateLimits: e.RATE_LIMITS === 'off' ? null : Object.fromEntries(RATE_LIMIT_RULES.map((rule) => [rule, rateValues[envName(rule)]!])) as RateLimitSettings,
  };
}
