import { describe, expect, test } from 'vitest';
import { Lifecycle } from './lifecycle.js';

describe('a lifecycle', () => {
  const traffic = new Lifecycle<'RED' | 'GREEN' | 'AMBER'>('Light', { RED: ['GREEN'], GREEN: ['AMBER'], AMBER: ['RED'] });

  test('allows exactly the listed moves', () => {
    const states = ['RED', 'GREEN', 'AMBER'] as const;
    const allowed = states.flatMap((from) => states.filter((to) => traffic.allows(from, to)).map((to) => `${from}>${to}`));
    expect(allowed).toEqual(['RED>GREEN', 'GREEN>AMBER', 'AMBER>RED']);
  });

  test('refuses any other move with a CONFLICT naming the current and the requested state', () => {
    expect(() => traffic.assertMove('GREEN', 'AMBER')).not.toThrow();
    try {
      traffic.assertMove('RED', 'AMBER');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({
        code: 'CONFLICT', reason: 'INVALID_TRANSITION', currentStatus: 'RED', requestedStatus: 'AMBER', allowedStatuses: ['GREEN'],
      });
    }
  });
});
