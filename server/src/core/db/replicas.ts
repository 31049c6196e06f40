import type { ConnectionType, EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../context.js';

/**
 * Where a public read path (directory, programme, fair plan, guide) reads from. Anonymous visitors
 * read from a replica when there is one (DATABASE_REPLICA_URLS): they see what everyone sees, a moment
 * late at worst. A signed-in caller reads from the primary, since these pages show them their own part
 * (their booking and seats left, their organisation, their application) right after they changed it;
 * so does anything inside a transaction. Every other read uses the primary (`preferReadReplicas: false`).
 */
export const publicReads = (em: EntityManager, caller: Caller): ConnectionType =>
  caller.actor || em.isInTransaction() ? 'write' : 'read';
