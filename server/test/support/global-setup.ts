import path from 'node:path';
import type { TestProject } from 'vitest/node';
import 'reflect-metadata';
import { startEmbeddedPostgres } from '../../src/core/db/embedded.js';
import { createOrm, migrate } from '../../src/core/db/orm.js';
import { projectRoot } from '../../src/core/db/paths.js';
import { ensureRoleLogins } from '../../src/core/db/tenancy.js';
import { entities } from '../../src/entities.js';
import { TEMPLATE_DATABASE, recreateDatabase } from './databases.js';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_SERVER_URL when given (e.g. the machine's own
 * server), otherwise a throw-away embedded cluster. A template database is migrated once; every test
 * file then gets its own copy of it (see databases.ts), so files never see each other's data.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_SERVER_URL;
  const embedded = external
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(projectRoot, '.data', `test-postgres-${process.pid}`), port: await freePort(), persistent: false, quiet: true });
  const serverUrl = external ?? embedded!.serverUrl;

  const templateUrl = await recreateDatabase(serverUrl, TEMPLATE_DATABASE);
  const orm = await createOrm(templateUrl, entities);
  await migrate(orm);
  await orm.close();
  await ensureRoleLogins(templateUrl);

  project.provide('postgresServerUrl', serverUrl);
  return async () => {
    await embedded?.stop();
  };
}
