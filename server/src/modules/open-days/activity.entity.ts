import { Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Address } from '../../core/address.js';
import { Organization } from '../organizations/index.js';
import { OpenDaysEdition } from './edition.entity.js';
import { ActivityStatus, ActivityType, Audience } from './open-days.enums.js';

/** Something an organisation offers during Open Days: a workshop, a show, a consultation… */
@Entity()
@Index({ properties: ['edition', 'status'] })
@ObjectType({ simpleResolvers: true })
export class Activity {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => OpenDaysEdition }) edition!: OpenDaysEdition;
  @ManyToOne({ entity: () => Organization, index: true }) organization!: Organization;
  @Field(() => String) @Property({ type: 'string' }) title!: string;
  @Field(() => ActivityType) @Enum({ items: () => ActivityType }) type!: ActivityType;
  @Field(() => String) @Property({ type: 'text' }) description!: string;
  /** Where it happens; copied from the organisation's address unless the organiser gives another. */
  @Field(() => Address) @Embedded({ entity: () => Address, prefix: 'place_' }) place!: Address;
  @Field(() => String, { nullable: true, description: 'E.g. "sala 12, II piętro".' })
  @Property({ type: 'string', nullable: true }) placeNotes: string | null = null;
  @Field(() => Audience) @Enum({ items: () => Audience }) audience: Opt<Audience> = Audience.EVERYONE;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) accessibilityNotes: string | null = null;
  @Field(() => ActivityStatus) @Enum({ items: () => ActivityStatus }) status: Opt<ActivityStatus> = ActivityStatus.SUBMITTED;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}
