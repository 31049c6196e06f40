import { afterAll, beforeAll, expect, test } from 'vitest';
import { JobLeadership, runPeriodically } from '../../src/core/periodic.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

test('with two server instances, a background job runs in one of them at a time; when it stops, the other takes over', async () => {
  const databaseUrl = app.orm.config.get('clientUrl')!;
  const runs: { instance: string; start: number; end: number }[] = [];
  const instance = (name: string) => {
    const leadership = new JobLeadership(databaseUrl);
    const loop = runPeriodically('reminders', async () => {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 15));
      runs.push({ instance: name, start, end: performance.now() });
    }, 10, { leadership });
    return { name, leadership, loop };
  };
  const [a, b] = [instance('A'), instance('B')];

  await until(() => runs.length >= 20);
  const leader = runs[0]!.instance === 'A' ? a : b;
  const follower = leader === a ? b : a;
  expect(new Set(runs.map((r) => r.instance))).toEqual(new Set([leader.name]));
  // One run at a time across both instances.
  for (let i = 1; i < runs.length; i++) expect(runs[i]!.start).toBeGreaterThanOrEqual(runs[i - 1]!.end);

  // The leader stops (or its connection drops): the other instance takes the job over.
  await leader.loop.stop();
  await leader.leadership.close();
  const before = runs.length;
  await until(() => runs.slice(before).some((r) => r.instance === follower.name));
  await follower.loop.stop();
  await follower.leadership.close();
  expect(runs.slice(before).every((r) => r.instance === follower.name)).toBe(true);
});
