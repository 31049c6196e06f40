import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Role } from '../../core/auth/roles.js';
import { Municipality } from '../municipalities/index.js';

/** An account. Accounts belong to a municipality like everything else; the same email may exist in two. */
@Entity()
@Unique({ properties: ['municipality', 'email'] })
@ObjectType({ simpleResolvers: true })
export class User {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Municipality }) municipality!: Municipality;
  /** Stored lower-cased so uniqueness ignores case. Exposed through a guarded field resolver. Null once erased. */
  @Property({ type: 'string', nullable: true }) email!: string | null;
  /** Null once the account is erased: nobody can sign in to it. */
  @Property({ type: 'string', nullable: true, hidden: true }) passwordHash!: string | null;
  @Field(() => String) @Property({ type: 'string' }) displayName!: string;
  @Field(() => Role) @Enum({ items: () => Role }) role: Opt<Role> = Role.RESIDENT;
  @Property({ type: 'string', nullable: true }) phone: string | null = null;
  /** For officials: the city department they work in. */
  @Field(() => String, { nullable: true }) @Property({ type: 'string', nullable: true }) department: string | null = null;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
  /** When a session was last started (sign-up or sign-in): inactive accounts are erased after the retention period. */
  @Property({ type: 'datetime', nullable: true }) lastSignInAt: Date | null = null;
  /**
   * Set when the account was erased (by its owner or by the retention job): the row stays as an
   * anonymous tombstone (no email, name, phone or password) so the records counted in statistics keep
   * their foreign keys.
   */
  @Property({ type: 'datetime', nullable: true }) erasedAt: Date | null = null;
}
