import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import { type JobOptions, runPeriodically } from '../../core/periodic.js';
import { CLOCK_TOPIC, clockPayload } from './live.js';
import { SpeedDatingSession } from './speed-dating.entity.js';

/**
 * Phases change with time, not with requests: once a second, running sessions whose round or
 * phase moved on since the last look are announced to their subscribers.
 */
export function startSpeedDatingTicker(fork: () => EntityManager, pubSub: PubSub, options: JobOptions = {}) {
  const lastSeen = new Map<string, string>();
  return runPeriodically('speed-dating', async () => {
    const running = await fork().find(SpeedDatingSession, { liveStatus: 'RUNNING' });
    for (const session of running) {
      const payload = clockPayload(session);
      const state = `${payload.status}:${payload.round}:${payload.phase}`;
      if (lastSeen.get(session.id) !== state) {
        lastSeen.set(session.id, state);
        pubSub.publish(CLOCK_TOPIC, session.id, payload);
      }
    }
  }, 1000, options);
}
