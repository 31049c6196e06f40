import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Municipality } from '../municipalities/index.js';
import { CampaignStatus } from './baubles.enums.js';

/**
 * The yearly Christmas-tree campaign. `baublesInStock` are baubles at the office that nobody has
 * reserved; it changes only under the campaign's row lock and the database keeps it at zero or more.
 */
@Entity({ tableName: 'bauble_campaign' })
@Unique({ properties: ['municipality', 'year'] })
@Check({ name: 'bauble_campaign_stock_not_negative', expression: 'baubles_in_stock >= 0 and baubles_in_stock <= baubles_prepared' })
@ObjectType({ simpleResolvers: true })
export class BaubleCampaign {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality }) municipality!: Municipality;
  @Field(() => Int) @Property({ type: 'integer' }) year!: number;
  @Field(() => String) @Property({ type: 'string' }) title!: string;
  @Field(() => Int) @Property({ type: 'integer' }) baublesPrepared!: number;
  @Field(() => Int, { description: 'Baubles at the office not reserved by anyone.' }) @Property({ type: 'integer' }) baublesInStock!: number;
  @Field(() => Int) @Property({ type: 'integer' }) limitOrganization!: number;
  @Field(() => Int) @Property({ type: 'integer' }) limitInstitution!: number;
  @Field(() => Int) @Property({ type: 'integer' }) limitResident!: number;
  @Field(() => String) @Property({ type: 'string' }) pickupPlace!: string;
  @Field(() => Date) @Property({ type: 'datetime' }) returnDeadline!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) treeEventAt!: Date;
  @Field(() => String) @Property({ type: 'string' }) treeEventPlace!: string;
  @Field(() => CampaignStatus) @Enum({ items: () => CampaignStatus }) status: Opt<CampaignStatus> = CampaignStatus.DRAFT;
  @Property({ type: 'integer' }) nextQueueNumber: Opt<number> = 1;
  /** Set once the "bring them back" reminder has been queued, so it goes out only once. */
  @Property({ type: 'datetime', nullable: true }) reminderQueuedAt: Date | null = null;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}

/** Opening hours when baubles can be collected. */
@Entity({ tableName: 'bauble_pickup_window' })
@Check({ name: 'bauble_pickup_window_order', expression: 'starts_at < ends_at' })
@ObjectType({ simpleResolvers: true })
export class PickupWindow {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => BaubleCampaign, deleteRule: 'cascade', index: true }) campaign!: BaubleCampaign;
  @Field(() => Date) @Property({ type: 'datetime' }) startsAt!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) endsAt!: Date;
}
