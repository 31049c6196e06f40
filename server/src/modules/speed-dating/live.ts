import { Field, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { clockNow } from './speed-dating.service.js';
import type { SpeedDatingSession } from './speed-dating.entity.js';

@ObjectType({ simpleResolvers: true, description: 'The session clock as the server sees it; phones count down to phaseEndsAt.' })
export class SessionClock {
  @Field(() => ID) sessionId!: string;
  @Field(() => String, { description: 'NOT_STARTED, RUNNING, PAUSED or FINISHED.' }) status!: string;
  @Field(() => Int) round!: number;
  @Field(() => Int) rounds!: number;
  @Field(() => String, { description: 'TALK or CHANGEOVER.' }) phase!: string;
  @Field(() => Date, { nullable: true }) phaseEndsAt!: Date | null;
  @Field(() => Int, { nullable: true }) remainingMs!: number | null;
  @Field(() => Date, { description: 'Lets clients correct for their own clock.' }) serverTime!: Date;
  municipalityId!: string;
}

export const CLOCK_TOPIC = 'SPEED_DATING_CLOCK';

export function clockPayload(session: SpeedDatingSession, now = new Date()): SessionClock {
  const c = clockNow(session, now);
  return {
    sessionId: session.id, status: c.status, round: c.round, rounds: session.roundCount, phase: c.phase,
    phaseEndsAt: c.phaseEndsAt, remainingMs: c.remainingMs, serverTime: now, municipalityId: session.municipality.id,
  };
}

/** The clock's live event for a session's subscribers (after staff actions, re-plans and phase changes). */
export const clockEvent = (session: SpeedDatingSession) => ({ topic: CLOCK_TOPIC, id: session.id, payload: clockPayload(session) });
