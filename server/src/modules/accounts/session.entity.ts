import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';

/** A signed-in browser. Only a hash of the cookie token is stored, so a database leak does not leak sessions. */
@Entity()
export class Session {
  @PrimaryKey({ type: 'string', length: 64 }) tokenHash!: string;
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' }) user!: User;
  @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
  @Property({ type: 'datetime', index: true }) expiresAt!: Date;
}
