import fc from 'fast-check';
import { expect, test } from 'vitest';
import { clockAt, pause, resume, skip, start } from './clock.js';

const timing = { talkMs: 4 * 60_000, changeoverMs: 45_000, rounds: 3 };
const t0 = new Date('2026-12-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

test('talk, change-over, next round, and the end after the last talk', () => {
  const running = start(t0);
  expect(clockAt(running, timing, at(60_000))).toMatchObject({ round: 1, phase: 'TALK', remainingMs: 180_000 });
  expect(clockAt(running, timing, at(250_000))).toMatchObject({ round: 1, phase: 'CHANGEOVER', remainingMs: 35_000 });
  expect(clockAt(running, timing, at(285_000))).toMatchObject({ round: 2, phase: 'TALK', remainingMs: 240_000 });
  expect(clockAt(running, timing, at(3 * 240_000 + 2 * 45_000))).toMatchObject({ status: 'FINISHED', round: 3 });
});

test('a pause keeps the remaining time; resuming continues from there', () => {
  const paused = pause(start(t0), timing, at(100_000));
  expect(clockAt(paused, timing, at(900_000))).toMatchObject({ status: 'PAUSED', round: 1, phase: 'TALK', remainingMs: 140_000 });
  const resumed = resume(paused, timing, at(900_000));
  expect(clockAt(resumed, timing, at(900_000 + 40_000))).toMatchObject({ status: 'RUNNING', round: 1, remainingMs: 100_000 });
});

test('skip moves to the next round at once; after the last round it ends', () => {
  const skipped = skip(start(t0), timing, at(10_000));
  expect(clockAt(skipped, timing, at(10_000))).toMatchObject({ round: 2, phase: 'TALK', remainingMs: 240_000 });
  expect(skip(skip(skipped, timing, at(20_000)), timing, at(30_000)).status).toBe('FINISHED');
});

test('stored state read at any later time is the same as reading step by step (restart-safe)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 10 }), (steps) => {
      let now = 0;
      let stored = clockAt(start(t0), timing, at(0));
      for (const step of steps) {
        now += step;
        stored = clockAt(stored, timing, at(now));
      }
      const direct = clockAt(start(t0), timing, at(now));
      expect({ ...stored, phaseStartedAt: null }).toEqual({ ...direct, phaseStartedAt: null });
    }),
  );
});
