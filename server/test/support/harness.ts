import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { inject, vi } from 'vitest';
import pg from 'pg';
import { createApp } from '../../src/app.js';
import { defaultQueryLimits, type QueryLimits } from '../../src/core/graphql/protection.js';
import { type Logger, silentLogger } from '../../src/core/logger.js';
import { RateLimiter, type RateLimitSettings } from '../../src/core/rate-limit.js';
import { MembershipRole, Role } from '../../src/core/auth/roles.js';
import { createOrm, type Orm, replicaOptions } from '../../src/core/db/orm.js';
import { roleUrl } from '../../src/core/db/tenancy.js';
import { entities } from '../../src/entities.js';
import { createUser, User } from '../../src/modules/accounts/index.js';
import { startSession } from '../../src/modules/accounts/account.service.js';
import { hashPassword } from '../../src/modules/accounts/password.js';
import { ensureMunicipality, Municipality } from '../../src/modules/municipalities/index.js';
import { Membership, Organization } from '../../src/modules/organizations/index.js';
import { LegalForm, OrganizationStatus } from '../../src/modules/organizations/organization.enums.js';
import { createAppPubSub } from '../../src/core/pubsub.js';
import { type MessageContent, OutboxMessage, readableContent } from '../../src/core/outbox/index.js';
import { buildAppSchema } from '../../src/schema.js';
import { seedDemoData } from '../../src/seed/demo.js';
import { dropDatabase, recreateDatabase, TEMPLATE_DATABASE } from './databases.js';
import { startTcpProxy } from './tcp-proxy.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; fields?: { field: string; code: string; message: string }[] };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/** A browser-like API client: keeps its session cookie and sends its municipality header. */
export class TestClient {
  cookie: string | undefined;
  constructor(private readonly url: string, public municipality: string | undefined) {}

  async request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.municipality ? { 'x-municipality': this.municipality } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.getSetCookie()[0];
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** Runs an operation that must fail and returns its first error. */
  async fails(query: string, variables?: Record<string, unknown>): Promise<GraphQLErrorShape> {
    const result = await this.request(query, variables);
    if (!result.errors?.length) throw new Error(`Expected an error, got ${JSON.stringify(result.data)}`);
    return result.errors[0]!;
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    await this.ok(`mutation($input: SignInInput!) { signIn(input: $input) { id } }`, { input: { email, password } });
    return this;
  }
}

export interface TestApp {
  /** The tables' owner, for fixtures and checks: row-level security does not bind it (the app's own connection is bound). */
  orm: Orm;
  /** The app's own connection (its role, under row-level security), for tests of what that role may see. */
  appOrm: Orm;
  url: string;
  em(): EntityManager;
  client(municipality?: string): TestClient;
  /** A signed-in client for a new account with this role in the municipality. */
  clientAs(role: Role, options?: { municipality?: string; email?: string; displayName?: string }): Promise<{ client: TestClient; userId: string; email: string }>;
  /**
   * A published organisation of the municipality and a signed-in member of it (OWNER unless said
   * otherwise): the starting point of every organisation's journey (Open Days, fair, baubles, dating).
   */
  organizationMember(options?: { municipality?: string; role?: MembershipRole; name?: string; displayName?: string }): Promise<{
    client: TestClient; userId: string; organizationId: string; organizationName: string;
  }>;
  /** Many signed-in clients at once (for concurrency tests): accounts share one password hash. */
  clientsAs(role: Role, count: number, municipality?: string): Promise<{ client: TestClient; userId: string }[]>;
  municipalityId(slug: string): Promise<string>;
  /** Every queued message, oldest first, with its text as its recipient reads it. */
  messages(): Promise<(MessageContent & { kind: string; recipient: string; sentAt: Date | null })[]>;
  /** With `cuttableDatabase`: cut and restore the app's connection to PostgreSQL. */
  database: { cut(): void; restore(): void };
  /**
   * Asks as `client` until the server answers its session from memory (core/auth/actor-cache.ts;
   * nothing is remembered before the server hears changes), so statement counts show the steady state.
   */
  sessionRemembered(client: TestClient): Promise<void>;
  /** Counts SQL statements sent while `run` executes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  /** The SQL statements sent while `run` executes, as written (placeholders, not values). */
  recordQueries(run: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

const pubSub = createAppPubSub().pubSub;
/** What Prometheus would send to test apps' `/metrics`. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';
let organizations = 0;
let schema: Promise<GraphQLSchema> | undefined;

/**
 * Starts the real HTTP app on a fresh copy of the migrated template database. With `demoData`
 * the demo municipalities and organisations are loaded; otherwise only the two municipalities exist.
 */
export async function startTestApp(
  options: {
    demoData?: boolean;
    rateLimits?: RateLimitSettings;
    queryLimits?: Partial<QueryLimits>;
    /** Connect through a TCP hop the test can cut (`app.database`), to play a database outage. */
    cuttableDatabase?: boolean;
    /** Where the app logs (silent unless a test reads the log). */
    logger?: Logger;
    /** A migrated database of the test's own and its read replicas, used instead of a copy of the template and left in place. */
    database?: { url: string; replicaUrls: string[] };
    /** The app's connections (20 as configured); one lets a test see what PostgreSQL kept for the app's session. */
    poolSize?: number;
    /** `COMPRESS_RESPONSES` (default true, as configured). */
    compressResponses?: boolean;
  } = {},
): Promise<TestApp> {
  const serverUrl = inject('postgresServerUrl');
  const databaseName = `razem_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const databaseUrl = options.database?.url ?? await recreateDatabase(serverUrl, databaseName, TEMPLATE_DATABASE);
  let recorded: string[] | null = null;
  const proxy = options.cuttableDatabase ? await startTcpProxy(new URL(databaseUrl).hostname, Number(new URL(databaseUrl).port)) : null;
  const appDatabaseUrl = proxy ? Object.assign(new URL(databaseUrl), { port: String(proxy.port) }).toString() : databaseUrl;
  // Fixtures are made as the tables' owner; the app serves as its own role, under row-level security.
  const orm = await createOrm(databaseUrl, entities);
  const appOrm = await createOrm(roleUrl(appDatabaseUrl, 'razem_app'), entities, {
    replicas: replicaOptions((options.database?.replicaUrls ?? []).map((url) => roleUrl(url, 'razem_app'))),
    ...(options.poolSize ? { pool: { min: 0, max: options.poolSize } } : {}),
    onQuery: (sql) => {
      recorded?.push(sql);
      return sql;
    },
  });
  if (options.demoData) await seedDemoData(orm.em.fork());
  else {
    await ensureMunicipality(orm.em.fork(), 'leszno', 'Leszno');
    await ensureMunicipality(orm.em.fork(), 'czerwionka-leszczyny', 'Czerwionka-Leszczyny');
  }

  // One schema per test file; its in-memory event bus is shared by the file's app.
  schema ??= buildAppSchema(pubSub);
  // Rate limits are off unless a test asks for them: whole files run from one address at full speed.
  const rateLimitPool = new pg.Pool({ connectionString: roleUrl(databaseUrl, 'razem_app'), max: 2 });
  const rateLimiter = new RateLimiter({ kind: 'postgres', pool: rateLimitPool }, options.rateLimits ?? null);
  const app = await createApp({
    orm: appOrm, jobsEm: () => orm.em.fork(), schema: await schema, pubSub, rateLimiter, logger: options.logger ?? silentLogger,
    config: { secureCookies: false, publicOrigin: 'http://localhost:3000', trustProxy: 'loopback', queryLimits: { ...defaultQueryLimits, ...options.queryLimits }, metricsToken: TEST_METRICS_TOKEN, compressResponses: options.compressResponses ?? true },
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;

  const municipalityId = async (slug: string) =>
    (await orm.em.fork().getConnection().execute<{ id: string }[]>('select id from municipality where slug = ?', [slug]))[0]!.id;

  const recordQueries: TestApp['recordQueries'] = async (run) => {
    const statements: string[] = [];
    recorded = statements;
    try {
      await run();
    } finally {
      recorded = null;
    }
    return statements;
  };

  const clientAs: TestApp['clientAs'] = async (role, { municipality = 'leszno', email, displayName } = {}) => {
    const address = email ?? `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.example`;
    const user = await createUser(orm.em.fork(), await municipalityId(municipality), {
      email: address, password: TEST_PASSWORD, displayName: displayName ?? `Test ${role}`, role,
    });
    const client = await new TestClient(url, municipality).signIn(address);
    return { client, userId: user.id, email: address };
  };

  return {
    orm,
    appOrm,
    url,
    em: () => orm.em.fork() as EntityManager,
    client: (municipality = 'leszno') => new TestClient(url, municipality),
    database: {
      cut: () => proxy!.cut(),
      restore: () => proxy!.restore(),
    },
    municipalityId,
    clientAs,
    async organizationMember({ municipality = 'leszno', role = MembershipRole.OWNER, name, displayName } = {}) {
      const { client, userId } = await clientAs(Role.RESIDENT, { municipality, displayName });
      const em = orm.em.fork() as EntityManager;
      const n = ++organizations;
      const organization = em.create(Organization, {
        municipality: await municipalityId(municipality), slug: `organizacja-testowa-${n}`, name: name ?? `Fundacja Testowa ${n}`,
        legalForm: LegalForm.FOUNDATION, status: OrganizationStatus.PUBLISHED, description: 'Organizacja do testów.',
        address: { street: 'ul. Testowa 1', postalCode: '64-100', city: 'Leszno', district: 'Zatorze' },
      });
      em.create(Membership, { organization, user: userId, role });
      // Memberships are read on every request, so the signed-in member acts for it from now on.
      await em.flush();
      return { client, userId, organizationId: organization.id, organizationName: organization.name };
    },
    async clientsAs(role, count, municipality = 'leszno') {
      const em = orm.em.fork() as EntityManager;
      const municipalityRef = em.getReference(Municipality, await municipalityId(municipality));
      const passwordHash = await hashPassword(TEST_PASSWORD);
      const users = Array.from({ length: count }, (_, i) =>
        em.create(User, { municipality: municipalityRef, email: `${role.toLowerCase()}-${i}-${randomUUID().slice(0, 8)}@test.example`, passwordHash, displayName: `Test ${role} ${i}`, role }),
      );
      await em.flush();
      const clients = [];
      for (const user of users) {
        const { token } = await startSession(em, user);
        const client = new TestClient(url, municipality);
        client.cookie = `razem_session=${token}`;
        clients.push({ client, userId: user.id });
      }
      return clients;
    },
    async sessionRemembered(client) {
      await vi.waitFor(async () => {
        if ((await recordQueries(() => client.ok('{ __typename }'))).length) throw new Error('the server never answered the session from memory');
      }, { timeout: 5000, interval: 20 });
    },
    countQueries: async (run) => (await recordQueries(run)).length,
    recordQueries,
    messages: async () => (await orm.em.fork().find(OutboxMessage, {}, { orderBy: { createdAt: 'asc', id: 'asc' } }))
      .map((m) => ({ kind: m.kind, recipient: m.recipient, sentAt: m.sentAt, ...readableContent(m) })),
    async close() {
      await app.close();
      await new Promise((resolve) => app.server.close(resolve));
      await appOrm.close();
      await orm.close();
      await rateLimitPool.end();
      await proxy?.close();
      if (!options.database) await dropDatabase(serverUrl, databaseName);
    },
  };
}
