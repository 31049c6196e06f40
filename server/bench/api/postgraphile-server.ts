/**
 * Contender B: PostGraphile v5 with the amber preset over the same database (schema `public`), as
 * its documentation sets it up, plus the connection-filter plugin so the programme can be filtered
 * by its activity's edition and status like Razem's, and without the rule that only indexed
 * columns may filter or order (organisation status, membership join order), so it can ask what
 * Razem asks. No whole-response caching, no GraphiQL.
 * Run as its own process: `node --import tsx postgraphile-server.ts` with DATABASE_URL and PORT.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';
import { printSchema } from 'graphql';

const databaseUrl = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 5100);
if (!databaseUrl) throw new Error('DATABASE_URL is required');

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  // The same pool size as Razem's MikroORM pool.
  pgServices: [makePgService({ connectionString: databaseUrl, schemas: ['public'], poolConfig: { max: 20 } })],
  grafserv: { port, host: '127.0.0.1', graphiql: false, websockets: false },
  schema: { connectionFilterRelations: true, connectionFilterAllowedOperators: ['equalTo', 'in'] },
};

const pgl = postgraphile(preset);
if (process.argv.includes('--print-schema')) {
  console.log(printSchema(await pgl.getSchema()));
  await pgl.release();
  process.exit(0);
}
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 65_000;
await serv.addTo(server, false);
server.listen(port, '127.0.0.1', () => console.log(`PostGraphile listening on http://127.0.0.1:${port}/graphql`));

const stop = () => server.close(() => void Promise.resolve(pgl.release()).then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
