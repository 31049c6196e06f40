import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';

/** A town or commune served by this deployment. Every other record belongs to exactly one. */
@Entity()
@ObjectType({ simpleResolvers: true })
export class Municipality {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  /** Used in URLs and in the X-Municipality header. */
  @Field(() => String) @Property({ type: 'string', unique: true }) slug!: string;
  @Field(() => String) @Property({ type: 'string' }) name!: string;
  @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}
