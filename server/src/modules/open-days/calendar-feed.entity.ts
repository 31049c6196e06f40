import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { User } from '../accounts/index.js';

/** The secret behind a resident's private calendar URL (calendar apps cannot send cookies). */
@Entity()
export class CalendarFeed {
  @PrimaryKey({ type: 'string', length: 64 }) token!: string;
  @ManyToOne({ entity: () => User, deleteRule: 'cascade', unique: true }) user!: User;
  @Property({ type: 'datetime' }) createdAt: Opt<Date> = new Date();
}
