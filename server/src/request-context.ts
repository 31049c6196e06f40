import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import { LoaderRegistry, type RequestContext, type SessionCookieJar } from './core/context.js';
import { databaseErrorToAppError } from './core/db/constraints.js';
import type { Orm } from './core/db/orm.js';
import type { TenantScope } from './core/db/tenancy.js';
import type { RateLimiter } from './core/rate-limit.js';
import { actorForSession } from './modules/accounts/index.js';
import type { MunicipalityScopes } from './modules/municipalities/index.js';
import type { MembershipRole } from './core/auth/roles.js';
import { membershipsOfUserSql } from './modules/organizations/index.js';

export const MUNICIPALITY_HEADER = 'x-municipality';

/**
 * One context per GraphQL operation: a fresh EntityManager fork (identity map per request), the
 * municipality named by the request, and the actor behind the session cookie, if any. The caller
 * runs the operation, this included, in `tenantScope` (core/db/tenancy.ts).
 */
export async function createRequestContext(
  services: { orm: Orm; pubSub: PubSub; rateLimiter: RateLimiter; municipalities: MunicipalityScopes },
  request: { municipalitySlug: string | undefined; session: SessionCookieJar; clientIp: string; tenantScope: TenantScope },
): Promise<RequestContext> {
  const { orm, pubSub, rateLimiter, municipalities } = services;
  const { municipalitySlug, session, clientIp, tenantScope } = request;
  const em = orm.em.fork() as EntityManager;
  try {
    const municipality = municipalitySlug ? await municipalities.find(em, municipalitySlug) : null;
    // From here on, every statement of the request is for this municipality (row-level security).
    tenantScope.municipalityId = municipality?.id ?? null;
    // The session, its user and their memberships in one statement.
    const user = municipality
      ? await actorForSession<{ memberships: Record<string, MembershipRole> }>(em, session.current, municipality.id, { memberships: membershipsOfUserSql('u.id') })
      : null;
    const actor = user && municipality
      ? { userId: user.userId, role: user.role, municipalityId: municipality.id, memberships: new Map(Object.entries(user.memberships)) }
      : null;
    return { em, municipality, municipalitySlug: municipalitySlug || null, actor, session, loaders: new LoaderRegistry(em), pubSub, clientIp, rateLimiter, tenantScope };
  } catch (error) {
    // Before any resolver runs, only the database can fail here: tell the client to come back.
    throw databaseErrorToAppError(error) ?? error;
  }
}
