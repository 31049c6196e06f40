import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { User } from '../accounts/index.js';
import { Municipality } from '../municipalities/index.js';
import { Organization } from '../organizations/index.js';
import { ApplicationStatus, FairStatus, StandZone, TentNeed } from './fair.enums.js';

/** An NGO Fair on the square (May: Days of Europe; September: Active Civic Leszno). */
@Entity()
@ObjectType({ simpleResolvers: true })
export class Fair {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality }) municipality!: Municipality;
  @Field(() => String) @Property({ type: 'string' }) name!: string;
  @Field(() => String) @Property({ type: 'string' }) venue!: string;
  @Field(() => Date) @Property({ type: 'datetime' }) opensAt!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) closesAt!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) applicationsOpenAt!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) applicationsCloseAt!: Date;
  /** Size of the plan (metres) the stands are drawn on. */
  @Field(() => Float) @Property({ type: 'double' }) planWidth: Opt<number> = 60;
  @Field(() => Float) @Property({ type: 'double' }) planHeight: Opt<number> = 40;
  @Field(() => FairStatus) @Enum({ items: () => FairStatus }) status: Opt<FairStatus> = FairStatus.DRAFT;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}

/** A stand on the plan: where it is, what it offers, whether it is kept for the city or partners. */
@Entity()
@Unique({ properties: ['fair', 'code'] })
@ObjectType({ simpleResolvers: true })
export class Stand {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Fair, deleteRule: 'cascade' }) fair!: Fair;
  @Field(() => String) @Property({ type: 'string', length: 12 }) code!: string;
  @Field(() => StandZone) @Enum({ items: () => StandZone }) zone!: StandZone;
  @Field(() => Float) @Property({ type: 'double' }) x!: number;
  @Field(() => Float) @Property({ type: 'double' }) y!: number;
  @Field(() => Float) @Property({ type: 'double' }) width!: number;
  @Field(() => Float) @Property({ type: 'double' }) height!: number;
  @Field(() => Boolean) @Property({ type: 'boolean' }) hasPower: Opt<boolean> = false;
  @Field(() => Boolean) @Property({ type: 'boolean' }) tentProvided: Opt<boolean> = false;
  @Field(() => Int) @Property({ type: 'integer' }) tables: Opt<number> = 1;
  @Field(() => Boolean) @Property({ type: 'boolean' }) stepFree: Opt<boolean> = true;
  @Field(() => Boolean) @Property({ type: 'boolean' }) reserved: Opt<boolean> = false;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) reservedFor: string | null = null;
}

/** An organisation's application for a stand, with its needs and wishes. One per organisation per fair. */
@Entity()
@Unique({ properties: ['fair', 'organization'] })
@ObjectType({ simpleResolvers: true })
export class FairApplication {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Fair }) fair!: Fair;
  @ManyToOne({ entity: () => Organization }) organization!: Organization;
  /** The member who applied; null once the retention period after the fair has passed. */
  @ManyToOne({ entity: () => User, nullable: true }) submittedBy!: User | null;
  @Field(() => Boolean) @Property({ type: 'boolean' }) needsPower: Opt<boolean> = false;
  @Field(() => Int) @Property({ type: 'integer' }) tablesNeeded: Opt<number> = 1;
  @Field(() => TentNeed) @Enum({ items: () => TentNeed }) tent: Opt<TentNeed> = TentNeed.NO_TENT;
  @Field(() => Boolean) @Property({ type: 'boolean' }) needsStepFree: Opt<boolean> = false;
  @Field(() => [StandZone]) @Enum({ items: () => StandZone, array: true }) preferredZones: Opt<StandZone[]> = [];
  /** Organisation ids. */
  @Field(() => [ID]) @Property({ type: 'text[]' }) wantedNeighbors: Opt<string[]> = [];
  @Field(() => [ID]) @Property({ type: 'text[]' }) avoidedNeighbors: Opt<string[]> = [];
  @Field(() => String) @Property({ type: 'text' }) activity!: string;
  @Field(() => String) @Property({ type: 'string' }) contactName!: string;
  @Field(() => String) @Property({ type: 'string' }) contactPhone!: string;
  @Field(() => ApplicationStatus) @Enum({ items: () => ApplicationStatus }) status: Opt<ApplicationStatus> = ApplicationStatus.SUBMITTED;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) decisionReason: string | null = null;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
  @Field(() => Date) @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Opt<Date> = new Date();
}

/**
 * Who stands where. The unique constraints are the database's own guarantee, whatever the
 * concurrency: a stand holds one application, an application has one stand.
 */
@Entity()
@Unique({ name: 'stand_assignment_stand_unique', properties: ['stand'] })
@Unique({ name: 'stand_assignment_application_unique', properties: ['application'] })
export class StandAssignment {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Fair, deleteRule: 'cascade', index: true }) fair!: Fair;
  @ManyToOne({ entity: () => Stand, deleteRule: 'cascade' }) stand!: Stand;
  @ManyToOne({ entity: () => FairApplication, deleteRule: 'cascade' }) application!: FairApplication;
}
