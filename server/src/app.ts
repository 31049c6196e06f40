import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { AppConfig } from './core/config.js';
import type { RequestContext } from './core/context.js';
import type { Orm } from './core/db/orm.js';
import { sessionCookieJar } from './core/http/cookies.js';
import { createRequestContext, MUNICIPALITY_HEADER } from './request-context.js';

export interface AppOptions {
  orm: Orm;
  schema: GraphQLSchema;
  config: Pick<AppConfig, 'secureCookies'>;
  /** The SvelteKit app's request handler, when it is served from the same port. */
  webHandler?: RequestHandler;
}

/** Our own errors carry a code; anything else is a bug, logged here and not shown to clients. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  console.error(error);
  return { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export async function createApp({ orm, schema, config, webHandler }: AppOptions): Promise<{ server: Server; close(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server })],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        createRequestContext(orm, req.header(MUNICIPALITY_HEADER), sessionCookieJar(req, res, config.secureCookies)),
    }),
  );
  if (webHandler) app.use(webHandler);

  return {
    server,
    close: async () => {
      await apollo.stop();
      server.closeAllConnections();
    },
  };
}
