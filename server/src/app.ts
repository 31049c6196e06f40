import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { PubSub } from 'type-graphql';
import { WebSocketServer } from 'ws';
import type { AppConfig } from './core/config.js';
import type { RequestContext } from './core/context.js';
import type { Orm } from './core/db/orm.js';
import { readCookie, SESSION_COOKIE, sessionCookieJar } from './core/http/cookies.js';
import { calendarForToken } from './modules/open-days/index.js';
import { createRequestContext, MUNICIPALITY_HEADER } from './request-context.js';

export interface AppOptions {
  orm: Orm;
  schema: GraphQLSchema;
  pubSub: PubSub;
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

export async function createApp({ orm, schema, pubSub, config, webHandler }: AppOptions): Promise<{ server: Server; close(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  // Subscriptions over graphql-ws on the same path. The municipality comes in the connection
  // parameters; the session cookie with the upgrade request. A socket cannot set cookies.
  const sockets = new WebSocketServer({ server, path: '/graphql' });
  const socketServer = useServer(
    {
      schema,
      context: ({ connectionParams, extra }) =>
        createRequestContext(orm, pubSub, String(connectionParams?.municipality ?? '') || undefined, {
          current: readCookie(extra.request.headers.cookie, SESSION_COOKIE),
          set: () => {},
          clear: () => {},
        }),
    },
    sockets,
  );
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      { serverWillStart: async () => ({ drainServer: async () => socketServer.dispose() }) },
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  // "My plan" as a calendar feed: calendar apps fetch it without cookies, so the URL holds a secret token.
  app.get('/calendar/:file', async (req, res) => {
    const ics = await calendarForToken(orm.em.fork(), req.params.file.replace(/\.ics$/, ''));
    if (!ics) {
      res.status(404).send('Not found');
      return;
    }
    res.type('text/calendar; charset=utf-8').set('Cache-Control', 'private, max-age=300').send(ics);
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        createRequestContext(orm, pubSub, req.header(MUNICIPALITY_HEADER), sessionCookieJar(req, res, config.secureCookies)),
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
