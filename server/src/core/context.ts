import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import type { Actor } from './auth/policy.js';
import { AppError, unknownMunicipality } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import type { TenantScope } from './db/tenancy.js';

/** The municipality a request is scoped to (chosen by the `X-Municipality` header). */
export interface MunicipalityScope {
  id: string;
  slug: string;
  name: string;
}

/** Lets a request set or clear its session cookie without resolvers knowing about HTTP. */
export interface SessionCookieJar {
  set(token: string, expiresAt: Date): void;
  clear(): void;
  current: string | undefined;
}

export interface RequestContext {
  /** A fork of the EntityManager for this request only (its own identity map). */
  em: EntityManager;
  /** Null when the request names no municipality or one that does not exist. */
  municipality: MunicipalityScope | null;
  /** The slug the request named, found or not (null when it named none). */
  municipalitySlug: string | null;
  actor: Actor | null;
  session: SessionCookieJar;
  loaders: LoaderRegistry;
  /** Events for subscriptions; publish only after the change has committed. */
  pubSub: PubSub;
  /** What the request's log line tells about it (HTTP requests only). */
  requestInfo?: RequestInfo;
  /** The caller's address (behind trusted proxies, the one they forwarded), for rate limits. */
  clientIp: string;
  rateLimiter: RateLimiter;
  /** The municipality the request's database connections carry (row-level security). */
  tenantScope: TenantScope;
}

/** Filled in while a request runs and written on its one log line when it ends. */
export interface RequestInfo {
  requestId: string;
  operation?: string;
  municipality?: string;
  /** An id, never personal data. */
  userId?: string;
  errorCodes: string[];
}

/** Per-request cache of DataLoaders, keyed by the factory that makes them, so modules need no registration. */
export class LoaderRegistry {
  readonly #loaders = new Map<unknown, unknown>();
  constructor(private readonly em: EntityManager) {}

  get<T>(factory: (em: EntityManager) => T): T {
    let loader = this.#loaders.get(factory) as T | undefined;
    if (!loader) {
      loader = factory(this.em);
      this.#loaders.set(factory, loader);
    }
    return loader;
  }
}

/** Who is asking, where: what services need from a request. */
export interface Caller {
  municipality: MunicipalityScope;
  actor: Actor | null;
}

export const callerOf = (ctx: RequestContext): Caller => ({ municipality: requireMunicipality(ctx), actor: ctx.actor });

/** Most operations only make sense inside a municipality. */
export function requireMunicipality(ctx: RequestContext): MunicipalityScope {
  if (ctx.municipality) return ctx.municipality;
  if (ctx.municipalitySlug) throw unknownMunicipality();
  throw new AppError('BAD_USER_INPUT', 'Choose a municipality with the X-Municipality header.', {
    fields: [{ field: 'X-Municipality', code: 'required', message: 'Choose a municipality.' }],
  });
}

/** The municipality the request names, or null when it names none; naming one that does not exist is an error. */
export const namedMunicipality = (ctx: RequestContext): MunicipalityScope | null => (ctx.municipalitySlug ? requireMunicipality(ctx) : null);
