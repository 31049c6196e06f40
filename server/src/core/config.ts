import path from 'node:path';
import { projectRoot } from './db/paths.js';

/** Process configuration, read once from the environment. Everything has a default so a fresh clone runs. */
export interface AppConfig {
  /** When absent the project starts its own embedded PostgreSQL. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** Origin printed to the user and used in links (e.g. calendar feeds). */
  publicOrigin: string;
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean;
  smtpUrl: string | undefined;
  redisUrl: string | undefined;
  /** Serve the built SvelteKit app from the same port (one URL locally). */
  serveWeb: boolean;
  embeddedPostgresPort: number;
  /** Where the embedded PostgreSQL keeps its files (git-ignored). */
  embeddedPostgresDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const publicOrigin = env.PUBLIC_ORIGIN ?? `http://localhost:${port}`;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    host,
    port,
    publicOrigin,
    secureCookies: publicOrigin.startsWith('https:'),
    smtpUrl: env.SMTP_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    serveWeb: env.SERVE_WEB !== 'false',
    embeddedPostgresPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    embeddedPostgresDir: env.EMBEDDED_PG_DIR || path.join(projectRoot, '.data', 'postgres'),
  };
}
