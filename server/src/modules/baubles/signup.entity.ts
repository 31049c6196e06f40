import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { User } from '../accounts/index.js';
import { Organization } from '../organizations/index.js';
import { SignupKind, SignupStatus } from './baubles.enums.js';
import { BaubleCampaign, PickupWindow } from './campaign.entity.js';

/** A reservation of baubles by an organisation, an institution or a resident, and its life at the desk. */
@Entity({ tableName: 'bauble_signup' })
@Unique({ name: 'bauble_signup_campaign_code_unique', properties: ['campaign', 'code'] })
@Index({ properties: ['campaign', 'status', 'queueNumber'] })
@Check({ name: 'bauble_signup_quantities', expression: 'quantity > 0 and picked_up_quantity <= quantity and returned_quantity <= picked_up_quantity' })
@ObjectType({ simpleResolvers: true })
export class BaubleSignup {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => BaubleCampaign }) campaign!: BaubleCampaign;
  @Field(() => SignupKind) @Enum({ items: () => SignupKind }) kind!: SignupKind;
  @ManyToOne({ entity: () => Organization, nullable: true }) organization: Organization | null = null;
  @Field(() => String, { nullable: true, description: 'School, kindergarten, library… for INSTITUTION sign-ups.' })
  @Property({ type: 'string', nullable: true }) institutionName: string | null = null;
  /** Who signed up (and is told about changes); null once the retention period after the campaign has passed. */
  @ManyToOne({ entity: () => User, index: true, nullable: true }) user!: User | null;
  @ManyToOne({ entity: () => PickupWindow }) pickupWindow!: PickupWindow;
  @Field(() => Int, { description: 'Baubles reserved (or wanted, while waiting).' }) @Property({ type: 'integer' }) quantity!: number;
  @Field(() => Int) @Property({ type: 'integer' }) pickedUpQuantity: Opt<number> = 0;
  @Field(() => Int) @Property({ type: 'integer' }) returnedQuantity: Opt<number> = 0;
  @Field(() => SignupStatus) @Enum({ items: () => SignupStatus }) status!: SignupStatus;
  @Field(() => String) @Property({ type: 'string', length: 8 }) code!: string;
  @Field(() => Int, { nullable: true }) @Property({ type: 'integer', nullable: true }) queueNumber: number | null = null;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}

/** The history of a sign-up: every status change with who made it and when. */
@Entity({ tableName: 'bauble_signup_event' })
@ObjectType({ simpleResolvers: true })
export class BaubleSignupEvent {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => BaubleSignup, deleteRule: 'cascade', index: true }) signup!: BaubleSignup;
  @Field(() => SignupStatus, { nullable: true }) @Enum({ items: () => SignupStatus, nullable: true }) fromStatus: SignupStatus | null = null;
  @Field(() => SignupStatus) @Enum({ items: () => SignupStatus }) toStatus!: SignupStatus;
  /** Null when the system made the change (waiting-list promotion, overdue after the deadline). */
  @ManyToOne({ entity: () => User, nullable: true }) actor: User | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) note: string | null = null;
  @Field(() => Date) @Property({ type: 'datetime' }) at: Opt<Date> = new Date();
}
