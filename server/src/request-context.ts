import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import { LoaderRegistry, type RequestContext, type SessionCookieJar } from './core/context.js';
import { databaseErrorToAppError } from './core/db/constraints.js';
import type { Orm } from './core/db/orm.js';
import type { TenantScope } from './core/db/tenancy.js';
import type { RateLimiter } from './core/rate-limit.js';
import type { ActorCache } from './core/auth/actor-cache.js';
import type { Actor } from './core/auth/policy.js';
import { actorForSession, hashSessionToken } from './modules/accounts/index.js';
import type { MunicipalityScopes } from './modules/municipalities/index.js';
import type { MembershipRole } from './core/auth/roles.js';
import { membershipsOfUserSql } from './modules/organizations/index.js';

export const MUNICIPALITY_HEADER = 'x-municipality';

/**
 * One context per GraphQL operation: a fresh EntityManager fork (identity map per request), the
 * municipality named by the request, and the actor behind the session cookie, if any (remembered
 * between requests, core/auth/actor-cache.ts). The caller runs the operation, this included, in
 * `tenantScope` (core/db/tenancy.ts).
 */
export async function createRequestContext(
  services: { orm: Orm; pubSub: PubSub; rateLimiter: RateLimiter; municipalities: MunicipalityScopes; actors: ActorCache<Actor> },
  request: { municipalitySlug: string | undefined; session: SessionCookieJar; clientIp: string; tenantScope: TenantScope },
): Promise<RequestContext> {
  const { orm, pubSub, rateLimiter, municipalities, actors } = services;
  const { municipalitySlug, session, clientIp, tenantScope } = request;
  const em = orm.em.fork() as EntityManager;
  try {
    const municipality = municipalitySlug ? await municipalities.find(em, municipalitySlug) : null;
    // From here on, every statement of the request is for this municipality (row-level security).
    tenantScope.municipalityId = municipality?.id ?? null;
    const actor = municipality && session.current ? await actorOfSession(em, actors, session.current, municipality.id) : null;
    return { em, municipality, municipalitySlug: municipalitySlug || null, actor, session, loaders: new LoaderRegistry(em), pubSub, clientIp, rateLimiter, tenantScope };
  } catch (error) {
    // Before any resolver runs, only the database can fail here: tell the client to come back.
    throw databaseErrorToAppError(error) ?? error;
  }
}

/** The session's user and their memberships: remembered, or read in one statement. */
function actorOfSession(em: EntityManager, actors: ActorCache<Actor>, token: string, municipalityId: string): Promise<Actor | null> {
  const tokenHash = hashSessionToken(token);
  return actors.lookup(`${municipalityId}:${tokenHash}`, async () => {
    const user = await actorForSession<{ memberships: Record<string, MembershipRole> }>(em, tokenHash, municipalityId, { memberships: membershipsOfUserSql('u.id') });
    if (!user) return null;
    const { userId, role, expiresAt, memberships } = user;
    return { userId, expiresAt, value: { userId, role, municipalityId, memberships: new Map(Object.entries(memberships)) } };
  });
}
