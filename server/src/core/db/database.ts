import type { AppConfig } from '../config.js';
import { startEmbeddedPostgres } from './embedded.js';
import { ensureDatabase } from './orm.js';

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when given; otherwise the project's own PostgreSQL under `.data/postgres`. */
export async function openDatabase(config: AppConfig): Promise<Database> {
  if (config.databaseUrl) {
    await ensureDatabase(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.embeddedPostgresDir,
    port: config.embeddedPostgresPort,
    persistent: true,
  });
  const url = `${server.serverUrl}/razem`;
  await ensureDatabase(url);
  return { url, embedded: true, stop: server.stop };
}
