import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { User } from '../accounts/index.js';
import { Municipality } from '../municipalities/index.js';
import { Organization } from '../organizations/index.js';
import type { LiveStatus, Phase } from './clock.js';
import { DatingMode, DatingSide, ParticipantPresence } from './speed-dating.enums.js';

/** A civic speed-dating session. Its live clock is stored, so it survives a server restart. */
@Entity()
@ObjectType({ simpleResolvers: true })
export class SpeedDatingSession {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality }) municipality!: Municipality;
  @Field(() => String) @Property({ type: 'string' }) title!: string;
  @Field(() => Date) @Property({ type: 'datetime' }) startsAt!: Date;
  @Field(() => String) @Property({ type: 'string' }) place!: string;
  @Field(() => Int) @Property({ type: 'integer' }) roundMinutes: Opt<number> = 4;
  @Field(() => Int) @Property({ type: 'integer' }) changeoverSeconds: Opt<number> = 45;
  @Field(() => Int) @Property({ type: 'integer' }) roundCount!: number;
  @Field(() => DatingMode) @Enum({ items: () => DatingMode }) mode: Opt<DatingMode> = DatingMode.NGO_TO_OFFICIAL;
  /** The side that changes seats; the other keeps its seat and leaflets. */
  @Field(() => DatingSide) @Enum({ items: () => DatingSide }) movingSide: Opt<DatingSide> = DatingSide.OFFICIAL;
  @Field(() => Int) @Property({ type: 'integer' }) capacityPerSide: Opt<number> = 20;
  @Field(() => Date) @Property({ type: 'datetime' }) registrationClosesAt!: Date;
  @Property({ type: 'string' }) liveStatus: Opt<LiveStatus> = 'NOT_STARTED';
  @Property({ type: 'integer' }) liveRound: Opt<number> = 0;
  @Property({ type: 'string' }) livePhase: Opt<Phase> = 'TALK';
  @Property({ type: 'datetime', nullable: true }) phaseStartedAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) pausedRemainingMs: number | null = null;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}

@Entity()
@Unique({ properties: ['session', 'user'] })
@ObjectType({ simpleResolvers: true })
export class SpeedDatingParticipant {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => SpeedDatingSession, deleteRule: 'cascade' }) session!: SpeedDatingSession;
  /** Null for walk-ins added by staff. */
  @ManyToOne({ entity: () => User, nullable: true }) user: User | null = null;
  @Field(() => String) @Property({ type: 'string' }) name!: string;
  @Field(() => DatingSide) @Enum({ items: () => DatingSide }) side!: DatingSide;
  @ManyToOne({ entity: () => Organization, nullable: true }) organization: Organization | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) department: string | null = null;
  @Field(() => Boolean, { description: 'May people they meet see their email and phone?' }) @Property({ type: 'boolean' }) shareContacts: Opt<boolean> = false;
  @Field(() => ParticipantPresence) @Enum({ items: () => ParticipantPresence }) presence: Opt<ParticipantPresence> = ParticipantPresence.REGISTERED;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}

/** One pair at one seat in one round: the plan, and once the round has passed, the record. */
@Entity()
@Unique({ properties: ['session', 'round', 'seat'] })
export class SpeedDatingMeeting {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => SpeedDatingSession, deleteRule: 'cascade', index: true }) session!: SpeedDatingSession;
  @Property({ type: 'integer' }) round!: number;
  @Property({ type: 'integer' }) seat!: number;
  @ManyToOne({ entity: () => SpeedDatingParticipant, deleteRule: 'cascade' }) stationary!: SpeedDatingParticipant;
  @ManyToOne({ entity: () => SpeedDatingParticipant, deleteRule: 'cascade' }) moving!: SpeedDatingParticipant;
}
