import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import compression from 'compression';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { execute, type ExecutionArgs, getOperationAST, type GraphQLError, type GraphQLSchema, parse, specifiedRules, subscribe, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import proxyAddr from 'proxy-addr';
import type { PubSub } from 'type-graphql';
import { WebSocketServer } from 'ws';
import type { AppConfig } from './core/config.js';
import type { RequestContext, RequestInfo } from './core/context.js';
import { databaseErrorToAppError } from './core/db/constraints.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from './core/db/orm.js';
import { listenForNotifications } from './core/db/notifications.js';
import { ActorCache } from './core/auth/actor-cache.js';
import type { Actor } from './core/auth/policy.js';
import { inTenantScope, inTenantScopeEach, TenantScope } from './core/db/tenancy.js';
import { AppError } from './core/errors.js';
import { errorLogging, formatError } from './core/graphql/format-error.js';
import { checkOperation, protectionPlugins, shapeRules } from './core/graphql/protection.js';
import { compiledExecution } from './core/graphql/compiled-execution.js';
import { readCookie, SESSION_COOKIE, sessionCookieJar } from './core/http/cookies.js';
import type { Logger } from './core/logger.js';
import { Metrics } from './core/metrics.js';
import { outboxCounts } from './core/outbox/index.js';
import type { RateLimiter } from './core/rate-limit.js';
import { MunicipalityScopes } from './modules/municipalities/index.js';
import { calendarForToken, municipalityOfCalendarFeed } from './modules/open-days/index.js';
import { createRequestContext, MUNICIPALITY_HEADER } from './request-context.js';

export interface AppOptions {
  /** Connected as the application's role, under row-level security (core/db/tenancy.ts). */
  orm: Orm;
  /** For reports across municipalities (the outbox gauge): the background jobs' connection. */
  jobsEm: () => EntityManager;
  schema: GraphQLSchema;
  pubSub: PubSub;
  rateLimiter: RateLimiter;
  logger: Logger;
  /** main.ts passes one that also measures the process; tests get their own. */
  metrics?: Metrics;
  config: Pick<AppConfig, 'secureCookies' | 'publicOrigin' | 'trustProxy' | 'queryLimits' | 'metricsToken' | 'compressResponses'>;
  /** The SvelteKit app's request handler, when it is served from the same port. */
  webHandler?: RequestHandler;
}

const CALENDAR_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

const scopeOf = (args: ExecutionArgs) => (args.contextValue as RequestContext).tenantScope;

/** What a GraphQL request did (operation, municipality, user, error codes), for its log line. */
function requestInfoOf(res: ServerResponse): Omit<Partial<RequestInfo>, 'requestId'> {
  const { requestId: _id, ...info } = ((res as express.Response).locals?.requestInfo ?? {}) as Partial<RequestInfo>;
  return info;
}

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The GraphQL error shape for refusals made before GraphQL runs (limits, malformed bodies). */
function sendError(res: express.Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/**
 * Browsers send Origin with every WebSocket upgrade: only pages of this site may open one, since the
 * session cookie rides along. "This site" is PUBLIC_ORIGIN, or the host the request was sent to
 * (so http://127.0.0.1 and a dev proxy work too). Non-browser clients send no Origin and no cookie.
 */
function sameSiteOrigin(request: IncomingMessage, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (origin === publicOrigin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export interface App {
  server: Server;
  /** Stops reporting ready, so load balancers send no new requests; everything keeps being served. */
  stopBeingReady(): void;
  /** Stops accepting connections, finishes the requests in flight, closes live connections. */
  close(): Promise<void>;
}

export async function createApp({ orm, jobsEm, schema, pubSub, rateLimiter, logger, metrics = new Metrics(), config, webHandler }: AppOptions): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag from a hash of every answer: GraphQL answers are POST answers nothing revalidates, and
  // hashing them (50 KB for the fair plan) was 1.7% of its CPU. The calendar feed sets its own.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  // One log line per request: id (also sent back as X-Request-Id), status, time, and for GraphQL the
  // operation, municipality, user id and error codes. Probes are not logged.
  app.use(pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' || req.url === '/metrics' },
    // Our serializers read the raw request and response: pino-http's wrapping would first build its
    // full picture of each (every header) only for ours to pick three fields from it.
    wrapSerializers: false,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    // What the GraphQL request did goes into the finished line itself. As `customProps` it was also
    // asked for when the request came in, and made a child logger each time: with the wrapping above,
    // 15% of a trivial request's CPU (docs/benchmarks.md).
    customSuccessObject: (_req, res, line) => ({ ...requestInfoOf(res), ...line }),
    customErrorObject: (_req, res, _error, line) => ({ ...requestInfoOf(res), ...line }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  }));
  // Pages and API answers shrink to a fraction. Behind a proxy that compresses (docker-compose's
  // Caddy) it is off: the proxy does it on its own cores, and the middleware's per-request wrappers
  // of the response kept each request's objects alive through V8's young collections (under the
  // directory's load, 30 times the garbage promoted; RSS 275–302 → 228–236 MiB; docs/benchmarks.md).
  if (config.compressResponses) app.use(compression());
  const clientIpOf = (request: IncomingMessage) => proxyAddr(request, app.get('trust proxy fn'));
  const actors = new ActorCache<Actor>();
  // Remembered actors are trusted only while this server hears every change to them.
  const notifications = listenForNotifications(orm.config.get('clientUrl')!, (listening) => actors.setTrusted(listening), logger);
  const services = { orm, pubSub, rateLimiter, municipalities: new MunicipalityScopes(), actors };
  const server = createServer(app);
  const limits = config.queryLimits;
  const parseOptions = { maxTokens: limits.maxTokens };
  const validationRules = shapeRules(limits);

  // Subscriptions over graphql-ws on the same path. The municipality comes in the connection
  // parameters; the session cookie with the upgrade request. A socket cannot set cookies.
  const sockets = new WebSocketServer({
    server,
    path: '/graphql',
    verifyClient: ({ req }, accept) => {
      if (!sameSiteOrigin(req, config.publicOrigin)) return accept(false, 403, 'Origin not allowed');
      rateLimiter.consume('requestsPerIp', clientIpOf(req)).then(
        () => accept(true),
        (error: unknown) => accept(false, error instanceof AppError ? 429 : 503),
      );
    },
  });
  const socketServer = useServer(
    {
      schema,
      // The same limits and input checks as over HTTP.
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, parseOptions);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return undefined;
        const refused = checkOperation(schema, document, operation, payload.variables ?? undefined, limits);
        if (refused) return [refused];
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: ({ connectionParams, extra }) => {
        const tenantScope = new TenantScope();
        return inTenantScope(tenantScope, () => createRequestContext(services, {
          municipalitySlug: String(connectionParams?.municipality ?? '') || undefined,
          session: { current: readCookie(extra.request.headers.cookie, SESSION_COOKIE), set: () => {}, clear: () => {} },
          clientIp: clientIpOf(extra.request),
          tenantScope,
        }));
      },
      // A socket's messages arrive outside any request: each operation, and each event a subscription
      // pulls later, runs in the scope of the municipality its context named.
      execute: (args) => inTenantScope(scopeOf(args), () => execute(args)),
      subscribe: async (args) => {
        const result = await inTenantScope(scopeOf(args), () => subscribe(args));
        return Symbol.asyncIterator in result ? inTenantScopeEach(scopeOf(args), result) : result;
      },
    },
    sockets,
  );
  metrics.gauge('razem_live_connections', 'Open live-update (WebSocket) connections.', [], () => [[{}, sockets.clients.size]]);
  metrics.gauge('razem_db_pool_connections', 'Database pool connections by state.', ['state'], async () => {
    const pool = await orm.em.getConnection().getNativeClient();
    return [[{ state: 'total' }, pool.totalCount], [{ state: 'idle' }, pool.idleCount], [{ state: 'waiting' }, pool.waitingCount]];
  });
  metrics.gauge('razem_db_change_listener_up', 'Whether this server hears changes to sessions, roles and memberships (1); while 0 it remembers no session.', [], () => [[{}, notifications.listening ? 1 : 0]]);
  metrics.gauge('razem_outbox_messages', 'Unsent notification e-mails: pending (will be tried) or failed (every try used).', ['state'], async () => {
    const { pending, failed } = await outboxCounts(jobsEm());
    return [[{ state: 'pending' }, pending], [{ state: 'failed' }, failed]];
  });
  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledExecution(schema),
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts shuts down in order (stop being ready, wait, drain, jobs, database); Apollo's own
    // signal handler would close the server at once and drop what is in flight.
    stopOnTerminationSignals: false,
    parseOptions,
    validationRules,
    plugins: [
      ...protectionPlugins<RequestContext>(schema, limits),
      errorLogging(logger),
      metrics.graphqlPlugin<RequestContext>(),
      // Apollo installs these by default; we set no cache hints and report to no Apollo service, and
      // the cache-control plugin alone costs a tenth of the directory's throughput (docs/benchmarks.md).
      ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      { serverWillStart: async () => ({ drainServer: async () => socketServer.dispose() }) },
    ],
  });
  await apollo.start();

  // The API serves data, never pages: nothing may frame it, sniff it or run scripts from it.
  const apiHeaders = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });

  // Alive: the process answers. Ready: it should get traffic (database reachable, schema up to
  // date, not shutting down); load balancers and orchestrators stop sending requests otherwise.
  let shuttingDown = false;
  // This process's code brings no new migrations once it runs: after one clean check, trust it.
  let migrationsApplied = false;
  app.get('/health', apiHeaders, (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/ready', apiHeaders, async (_req, res) => {
    const problems: string[] = [];
    if (shuttingDown) problems.push('shutting down');
    else {
      try {
        await orm.em.fork().getConnection().execute('select 1');
        migrationsApplied ||= (await orm.migrator.getPending()).length === 0;
        if (!migrationsApplied) problems.push('migrations pending');
      } catch {
        problems.push('database unreachable');
      }
      // Anonymous public reads go to any replica at random: one that does not answer fails some of them.
      for (const [i, replica] of orm.driver.readReplicas().entries()) {
        try {
          await replica.execute('select 1');
        } catch {
          problems.push(`replica-${i + 1} unreachable`);
        }
      }
    }
    res.status(problems.length ? 503 : 200).json({ ready: !problems.length, problems });
  });
  // For Prometheus, never for the public: without METRICS_TOKEN there is no such page.
  app.get('/metrics', apiHeaders, async (req, res) => {
    if (!config.metricsToken || !bearerMatches(req.headers.authorization, config.metricsToken)) {
      res.status(404).send('Not found');
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // "My plan" as a calendar feed: calendar apps fetch it without cookies, so the URL holds a secret token.
  app.get('/calendar/:file', apiHeaders, async (req, res) => {
    const token = req.params.file.replace(/\.ics$/, '');
    const em = orm.em.fork();
    const scope = new TenantScope();
    const ics = CALENDAR_TOKEN.test(token)
      ? await inTenantScope(scope, async () => {
        scope.municipalityId = await municipalityOfCalendarFeed(em, token);
        return scope.municipalityId ? calendarForToken(em, token) : null;
      })
      : null;
    if (!ics) {
      res.status(404).send('Not found');
      return;
    }
    // Calendar apps poll the feed: one that asks again with the ETag gets a bodiless 304 (res.send checks).
    res.type('text/calendar; charset=utf-8').set('Cache-Control', 'private, max-age=300')
      .set('ETag', `"${createHash('sha1').update(ics).digest('base64url')}"`).send(ics);
  });
  app.use(
    '/graphql',
    apiHeaders,
    async (req, res, next) => {
      try {
        await rateLimiter.consume('requestsPerIp', req.ip ?? '');
        next();
      } catch (error) {
        if (!(error instanceof AppError)) return next();
        const wait = Number(error.extensions.retryAfterSeconds);
        metrics.refusedRequests.inc({ code: 'RATE_LIMITED' });
        res.set('Retry-After', String(wait));
        sendError(res, 429, 'RATE_LIMITED', error.message, { retryAfterSeconds: wait });
      }
    },
    express.json({ limit: '1mb' }),
    // After the body is read (its stream events come from outside), so Apollo runs within the scope.
    (_req, res, next) => {
      res.locals.tenantScope = new TenantScope();
      inTenantScope(res.locals.tenantScope as TenantScope, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestInfo: RequestInfo = {
          requestId: String(req.id), errorCodes: [],
          operation: typeof req.body?.operationName === 'string' ? req.body.operationName.slice(0, 100) : undefined,
          municipality: req.header(MUNICIPALITY_HEADER)?.slice(0, 60),
        };
        res.locals.requestInfo = requestInfo;
        const ctx = await createRequestContext(services, {
          municipalitySlug: req.header(MUNICIPALITY_HEADER),
          session: sessionCookieJar(req, res, config.secureCookies),
          clientIp: req.ip ?? '',
          tenantScope: res.locals.tenantScope as TenantScope,
        });
        requestInfo.userId = ctx.actor?.userId;
        return { ...ctx, requestInfo };
      },
    }),
  );
  if (webHandler) app.use(webHandler);

  // Express's own error page shows a stack outside production; answer in the API's shape instead.
  const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const mapped = databaseErrorToAppError(error);
    if (mapped?.extensions.code === 'SERVICE_UNAVAILABLE') {
      res.set('Retry-After', String(mapped.extensions.retryAfterSeconds));
      return sendError(res, 503, 'SERVICE_UNAVAILABLE', mapped.message);
    }
    const status = Number((error as { status?: number }).status) || 500;
    if (status >= 500) logger.error({ err: error, requestId: req.id }, 'unhandled error');
    const message = status === 413 ? 'The request body is too large.' : status < 500 ? 'The request is malformed.' : 'Internal server error.';
    sendError(res, status, status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', message);
  };
  app.use(errorHandler);

  return {
    server,
    stopBeingReady: () => {
      shuttingDown = true;
    },
    close: async () => {
      shuttingDown = true;
      await apollo.stop();
      server.closeAllConnections();
      await notifications.close();
      actors.close();
    },
  };
}
