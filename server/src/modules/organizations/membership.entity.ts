import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { MembershipRole } from '../../core/auth/roles.js';
import { User } from '../accounts/index.js';
import { Organization } from './organization.entity.js';

/** A user's role in an organisation: OWNERs manage members, EDITORs keep the profile current. */
@Entity()
@Unique({ properties: ['organization', 'user'] })
@ObjectType({ simpleResolvers: true })
export class Membership {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' }) organization!: Organization;
  // A plain GraphQL field: every path that answers memberships has the user loaded (the directory's
  // read rows, membershipsByOrganization's populate, addMember's lookup), so no resolver call per member.
  @Field(() => User) @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: true }) user!: User;
  @Field(() => MembershipRole) @Enum({ items: () => MembershipRole }) role!: MembershipRole;
  @Field(() => Date) @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}
