import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Municipality } from '../municipalities/index.js';
import { EditionStatus } from './open-days.enums.js';

/** One Open Days week (Drzwi Otwarte) of a municipality. */
@Entity({ tableName: 'open_days_edition' })
@ObjectType({ simpleResolvers: true })
export class OpenDaysEdition {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality }) municipality!: Municipality;
  @Field(() => String) @Property({ type: 'string' }) name!: string;
  /** First and last day (Warsaw dates, YYYY-MM-DD); slots must fall inside them. */
  @Field(() => String) @Property({ type: 'date' }) startsOn!: string;
  @Field(() => String) @Property({ type: 'date' }) endsOn!: string;
  /** Window in which organisations submit activities. */
  @Field(() => Date) @Property({ type: 'datetime' }) submissionsOpenAt!: Date;
  @Field(() => Date) @Property({ type: 'datetime' }) submissionsCloseAt!: Date;
  @Field(() => EditionStatus) @Enum({ items: () => EditionStatus }) status: Opt<EditionStatus> = EditionStatus.DRAFT;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}
