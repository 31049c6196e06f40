import { type ResolverData, UseMiddleware } from 'type-graphql';
import type { RequestContext } from '../context.js';
import type { RateLimitName } from '../rate-limit.js';

/**
 * Spends one point of a rate limit before the resolver runs, keyed by the caller's account (their
 * address when anonymous) or by their address. Over the limit the call is refused with RATE_LIMITED.
 */
export function RateLimited(name: RateLimitName, by: 'account' | 'ip' = 'account') {
  return UseMiddleware(async ({ context }: ResolverData<RequestContext>, next) => {
    const key = by === 'account' && context.actor ? `user:${context.actor.userId}` : `ip:${context.clientIp}`;
    await context.rateLimiter.consume(name, key);
    return next();
  });
}
