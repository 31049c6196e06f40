import type { EntityManager } from '@mikro-orm/postgresql';
import { type RequestContext, requireMunicipality } from './context.js';

/** A live update for subscribers of `topic` about `id` (an edition, a campaign, a session). */
export interface LiveEvent {
  topic: string;
  id: string;
  payload: object;
}

/**
 * A change and its live updates: runs `change` in one transaction and publishes the events it
 * announces only after the commit, so nobody hears of a change that rolled back. Every event carries
 * the request's municipality, which `sameMunicipality` checks on the way out.
 */
export async function commitThenPublish<T>(
  ctx: RequestContext, change: (em: EntityManager) => Promise<T>, announce: (result: T) => LiveEvent[],
  /** `own` for a change made in one statement, which commits by itself (no BEGIN and COMMIT round trips). */
  options: { transaction?: 'own' } = {},
): Promise<T> {
  const municipalityId = requireMunicipality(ctx).id;
  const result = options.transaction === 'own' ? await change(ctx.em) : await ctx.em.transactional(change);
  for (const { topic, id, payload } of announce(result)) ctx.pubSub.publish(topic, id, { ...payload, municipalityId });
  return result;
}

/** Subscription filter: subscribers hear only their own municipality's events. */
export const sameMunicipality = ({ payload, context }: { payload: unknown; context: unknown }) =>
  (payload as { municipalityId?: string }).municipalityId === (context as RequestContext).municipality?.id;
