import { createHash } from 'node:crypto';
import type pg from 'pg';
import {
  RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { rateLimited } from './errors.js';

/** A budget: `points` actions per `durationSeconds`; over it, the key waits `blockSeconds` (or until the window ends). */
export interface RateLimitRule {
  points: number;
  durationSeconds: number;
  blockSeconds: number;
}

export const RATE_LIMIT_RULES = ['signInFailuresPerAccount', 'signInFailuresPerIp', 'signUpsPerIp', 'writesPerAccount', 'requestsPerIp'] as const;
export type RateLimitName = (typeof RATE_LIMIT_RULES)[number];
export type RateLimitSettings = Record<RateLimitName, RateLimitRule>;

/** Generous for people (a busy desk, a school behind one address), tight for scripts. */
export const defaultRateLimits: RateLimitSettings = {
  signInFailuresPerAccount: { points: 10, durationSeconds: 60, blockSeconds: 300 },
  signInFailuresPerIp: { points: 50, durationSeconds: 900, blockSeconds: 900 },
  signUpsPerIp: { points: 20, durationSeconds: 3600, blockSeconds: 0 },
  writesPerAccount: { points: 60, durationSeconds: 60, blockSeconds: 0 },
  requestsPerIp: { points: 3000, durationSeconds: 60, blockSeconds: 0 },
};

/**
 * Where counters live: PostgreSQL, the one store every server instance shares (an unlogged table,
 * one upsert per counted action), or one process's memory.
 */
export type RateLimitStore = { kind: 'postgres'; pool: pg.Pool } | { kind: 'memory' };

/**
 * The general request budget is a flood guard counted on every request: kept in each instance's
 * memory, it costs no database write per request (a tenth of the directory's throughput when it was
 * in PostgreSQL). With several instances behind a balancer an address gets that budget per instance.
 * The budgets that guard accounts (sign-in, sign-up, writes) stay shared in PostgreSQL.
 */
const PER_INSTANCE: RateLimitName = 'requestsPerIp';

/** Keys are hashed so the table holds no email or IP address in clear. */
const hashKey = (key: string) => createHash('sha256').update(key.toLowerCase()).digest('base64url').slice(0, 32);

export class RateLimiter {
  readonly #limiters = new Map<RateLimitName, RateLimiterAbstract>();

  constructor(store: RateLimitStore, readonly settings: RateLimitSettings | null) {
    if (!settings) return;
    for (const name of RATE_LIMIT_RULES) {
      const rule = settings[name];
      const options = { keyPrefix: name, points: rule.points, duration: rule.durationSeconds, blockDuration: rule.blockSeconds };
      this.#limiters.set(
        name,
        store.kind === 'postgres' && name !== PER_INSTANCE
          ? new RateLimiterPostgres({
            ...options,
            storeClient: store.pool, tableName: 'rate_limit', tableCreated: true,
            // If the database fails, count in memory rather than refusing everyone or no one.
            insuranceLimiter: new RateLimiterMemory(options),
            // One limiter sweeping expired rows is enough; they all share the table.
            clearExpiredByTimeout: name === 'writesPerAccount',
          })
          : new RateLimiterMemory(options),
      );
    }
  }

  /** Spends one point of `name` for `key`; throws RATE_LIMITED with the wait when the budget is gone. */
  async consume(name: RateLimitName, key: string): Promise<void> {
    const limiter = this.#limiters.get(name);
    if (!limiter) return;
    try {
      await limiter.consume(hashKey(key));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimited(secondsOf(rejection));
      throw rejection;
    }
  }

  /** Throws RATE_LIMITED when `key` has no points left for `name`, without spending one. */
  async check(name: RateLimitName, key: string): Promise<void> {
    const limiter = this.#limiters.get(name);
    if (!limiter) return;
    const state = await limiter.get(hashKey(key));
    if (state && state.consumedPoints >= limiter.points) throw rateLimited(secondsOf(state));
  }

  async reset(name: RateLimitName, key: string): Promise<void> {
    await this.#limiters.get(name)?.delete(hashKey(key));
  }

  /**
   * Runs `attempt` unless one of the keys is locked out; a failed attempt (it throws) spends a point
   * of each, a successful one clears the first key. For sign-in: failures per account and per address.
   */
  async guardAttempts<T>(keys: { name: RateLimitName; key: string }[], attempt: () => Promise<T>): Promise<T> {
    for (const { name, key } of keys) await this.check(name, key);
    try {
      const result = await attempt();
      if (keys[0]) await this.reset(keys[0].name, keys[0].key);
      return result;
    } catch (failure) {
      for (const { name, key } of keys) await this.#spendOnFailure(name, key);
      throw failure;
    }
  }

  /** The failure that uses up the budget starts the lock-out (the block), so the next attempt waits. */
  async #spendOnFailure(name: RateLimitName, key: string) {
    const limiter = this.#limiters.get(name);
    const rule = this.settings?.[name];
    if (!limiter || !rule) return;
    const hashed = hashKey(key);
    const state = await limiter.consume(hashed).catch((rejection: unknown) => (rejection instanceof RateLimiterRes ? rejection : null));
    if (state && state.remainingPoints === 0 && rule.blockSeconds > 0) await limiter.block(hashed, rule.blockSeconds);
  }
}

const secondsOf = (state: RateLimiterRes) => Math.max(1, Math.ceil(state.msBeforeNext / 1000));
