/**
 * `npm start`: the whole app on one port. Starts the embedded PostgreSQL unless DATABASE_URL is set,
 * applies migrations, loads the demo data once, and serves the API and (when built) the web app.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import pg from 'pg';
import { createApp } from './app.js';
import { readConfig } from './core/config.js';
import { openDatabase } from './core/db/database.js';
import { createOrm, migrate, replicaOptions } from './core/db/orm.js';
import { projectRoot } from './core/db/paths.js';
import { ensureRoleLogins, roleUrl } from './core/db/tenancy.js';
import { entities } from './entities.js';
import { createDelivery, startOutboxSender } from './core/outbox/index.js';
import { createAppPubSub } from './core/pubsub.js';
import { JobLeadership, jobReport, runPeriodically } from './core/periodic.js';
import { createLogger } from './core/logger.js';
import { Metrics } from './core/metrics.js';
import { RateLimiter } from './core/rate-limit.js';
import { removeExpiredSessions } from './modules/accounts/index.js';
import { runDeadlineChores } from './modules/baubles/index.js';
import { runRetention } from './modules/personal-data/index.js';
import { startSpeedDatingTicker } from './modules/speed-dating/index.js';
import { buildAppSchema } from './schema.js';
import { seedDemoData } from './seed/demo.js';

const config = (() => {
  try {
    return readConfig();
  } catch (error) {
    // A wrong setting is the operator's to fix: say which and why, without a stack.
    console.error((error as Error).message);
    process.exit(1);
  }
})();

async function loadWebHandler(): Promise<RequestHandler | undefined> {
  const handlerFile = path.join(projectRoot, 'web', 'build', 'handler.js');
  if (!config.serveWeb || !existsSync(handlerFile)) return undefined;
  // The SvelteKit server renders pages by calling this same process's API.
  process.env.API_URL ??= `http://127.0.0.1:${config.port}/graphql`;
  // SvelteKit checks form posts against the origin. Unless ORIGIN is set, it builds the origin from
  // the Host header and a protocol header (else assuming https); we pass the protocol we really
  // serve, so http://localhost and http://127.0.0.1 both work.
  process.env.PROTOCOL_HEADER ??= 'x-razem-protocol';
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: RequestHandler };
  return (req, res, next) => {
    req.headers['x-razem-protocol'] = req.protocol;
    return handler(req, res, next);
  };
}

const logger = createLogger({ level: config.logLevel, pretty: config.prettyLogs });
const database = await openDatabase(config);
// Migrations and the demo data run as the tables' owner; requests and jobs use roles of their own,
// bound by row-level security (core/db/tenancy.ts and the row_level_security migration).
const owner = await createOrm(database.url, entities, { pool: { min: 0, max: 2 } });
const applied = await migrate(owner);
if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
if (config.seedDemoData && (await seedDemoData(owner.em.fork()))) logger.info('loaded demo data');
await owner.close();
await ensureRoleLogins(database.url);
const orm = await createOrm(roleUrl(database.url, 'razem_app'), entities, {
  replicas: replicaOptions(config.databaseReplicaUrls.map((url) => roleUrl(url, 'razem_app'))),
});
const jobsOrm = await createOrm(roleUrl(database.url, 'razem_jobs'), entities, { pool: { min: 0, max: 4 } });
const jobsEm = () => jobsOrm.em.fork();

const webHandler = await loadWebHandler();
// Deployments sharing a Redis are told apart by their database unless a prefix is set.
const events = createAppPubSub(config.redisUrl, config.redisChannelPrefix ?? `razem:${decodeURIComponent(new URL(database.url).pathname.slice(1))}`);
const rateLimitPool = new pg.Pool({ connectionString: roleUrl(database.url, 'razem_app'), max: 4 });
// A pool's idle client can lose its server (a restart); the pool replaces it, so this is only noise.
rateLimitPool.on('error', () => {});
const rateLimiter = new RateLimiter({ kind: 'postgres', pool: rateLimitPool }, config.rateLimits);
const metrics = new Metrics({ processMetrics: true });
const app = await createApp({ orm, jobsEm, schema: await buildAppSchema(events.pubSub), pubSub: events.pubSub, rateLimiter, logger, metrics, config, webHandler });
// Background jobs run in one instance of the deployment at a time (see JobLeadership).
// They work across municipalities, as their own role (see the row_level_security migration).
const jobs = { leadership: new JobLeadership(roleUrl(database.url, 'razem_jobs')), report: jobReport(logger, metrics) };
const outbox = startOutboxSender(jobsEm, createDelivery(config.smtpUrl, logger, { showContent: !config.production }), jobs);
const deadlines = runPeriodically('baubles', () => runDeadlineChores(jobsEm()), 60_000, jobs);
const speedDatingTicker = startSpeedDatingTicker(jobsEm, events.pubSub, jobs);
const sessions = runPeriodically('sessions', () => removeExpiredSessions(jobsEm()), 3_600_000, jobs);
const retention = runPeriodically('retention', () => runRetention(jobsEm(), new Date(), events.pubSub), 3_600_000, jobs);
// When booking opens, a thousand people connect within the same second. Node's default queue of
// 511 connections not yet accepted overflows, and the kernel drops the rest's first packet: they
// retry one and three seconds later. The kernel caps this at net.core.somaxconn (4096 on Debian).
const pendingConnections = 4096;
app.server.listen({ port: config.port, host: config.host, backlog: pendingConnections }, () => {
  const where = webHandler ? config.publicOrigin : `${config.publicOrigin}/graphql (web app not built)`;
  logger.info(`Razem is running: ${where}`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  // Not ready from now on; keep serving while load balancers notice, then drain and close.
  app.stopBeingReady();
  await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
  await app.close();
  await outbox.stop();
  await deadlines.stop();
  await speedDatingTicker.stop();
  await sessions.stop();
  await retention.stop();
  await jobs.leadership.close();
  await events.close();
  await rateLimitPool.end();
  await orm.close();
  await jobsOrm.close();
  await database.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
