import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { User } from '../accounts/index.js';
import { GreetingStatus } from './baubles.enums.js';
import { BaubleCampaign } from './campaign.entity.js';

/** A short Christmas greeting from a participant; shown on the wall once staff approve it. */
@Entity()
@Index({ properties: ['campaign', 'status', 'createdAt'] })
@ObjectType({ simpleResolvers: true })
export class Greeting {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => BaubleCampaign }) campaign!: BaubleCampaign;
  @ManyToOne({ entity: () => User }) user!: User;
  @Field(() => String, { description: 'Who it is from, as shown on the wall.' }) @Property({ type: 'string' }) signature!: string;
  @Field(() => String) @Property({ type: 'string', length: 280 }) text!: string;
  @Field(() => GreetingStatus) @Enum({ items: () => GreetingStatus }) status: Opt<GreetingStatus> = GreetingStatus.PENDING;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}
