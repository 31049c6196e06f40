import 'reflect-metadata';
import { describe, expect, test } from 'vitest';
import { readConfig } from './config.js';
import { defaultRateLimits } from './rate-limit.js';

describe('configuration', () => {
  test('a fresh machine needs none: every setting has its default', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', publicOrigin: 'http://localhost:3000', databaseUrl: undefined, production: false });
    expect(config.rateLimits).toEqual(defaultRateLimits);
    expect(config.queryLimits.fieldSuggestions).toBe(false);
  });

  test('a wrong value stops the start, naming every wrong variable and why', () => {
    expect(() => readConfig({ PORT: 'abc', RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT: 'ten', QUERY_MAX_DEPTH: '0' })).toThrow(
      /PORT: Invalid port[\s\S]*QUERY_MAX_DEPTH: expected a whole number above 0[\s\S]*RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT: expected points\/seconds/,
    );
  });

  test('empty values count as unset; limits can be tuned or rate limits turned off', () => {
    const config = readConfig({ DATABASE_URL: '', RATE_LIMIT_REQUESTS_PER_IP: '100/10', QUERY_MAX_COST: '500', NODE_ENV: 'development' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.rateLimits?.requestsPerIp).toEqual({ points: 100, durationSeconds: 10, blockSeconds: 0 });
    expect(config.queryLimits).toMatchObject({ maxCost: 500, fieldSuggestions: true });
    expect(readConfig({ RATE_LIMITS: 'off' }).rateLimits).toBeNull();
  });

  test('production needs a real database, and a metrics token long enough not to be guessed', () => {
    expect(() => readConfig({ NODE_ENV: 'production', METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: expected at least 16 characters[\s\S]*DATABASE_URL: required when NODE_ENV=production/,
    );
    const config = readConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/razem', METRICS_TOKEN: 'a'.repeat(16) });
    expect(config).toMatchObject({ production: true, prettyLogs: false, metricsToken: 'a'.repeat(16) });
  });

  test('read replicas: none unless listed, only PostgreSQL URLs, only beside DATABASE_URL', () => {
    expect(readConfig({}).databaseReplicaUrls).toEqual([]);
    const config = readConfig({ DATABASE_URL: 'postgresql://db/razem', DATABASE_REPLICA_URLS: 'postgresql://r1/razem, postgres://r2/razem' });
    expect(config.databaseReplicaUrls).toEqual(['postgresql://r1/razem', 'postgres://r2/razem']);
    expect(() => readConfig({ DATABASE_URL: 'postgresql://db/razem', DATABASE_REPLICA_URLS: 'mysql://r1/razem' })).toThrow(/DATABASE_REPLICA_URLS: expected postgresql:\/\/ URLs/);
    expect(() => readConfig({ DATABASE_REPLICA_URLS: 'postgresql://r1/razem' })).toThrow(/DATABASE_REPLICA_URLS: needs DATABASE_URL/);
  });
});
