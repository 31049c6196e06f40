import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../../core/auth/policy.js';
import type { Caller } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { FAILED, OutboxMessage, retryMessage } from '../../core/outbox/index.js';
import { checkPageSize, decodeCursor, toConnection } from '../../core/pagination.js';

/** Failed messages of the caller's municipality, newest first. */
export async function listFailedMessages(em: EntityManager, caller: Caller, first: number, after?: string | null) {
  authorize(caller.actor, 'messages.manage');
  checkPageSize(first);
  const where = { municipalityId: caller.municipality.id, ...FAILED };
  const [createdAt, id] = after ? decodeCursor(after, ['instant', 'uuid']) : [];
  const [rows, totalCount] = await Promise.all([
    em.find(OutboxMessage, createdAt ? { ...where, $or: [{ createdAt: { $lt: new Date(createdAt) } }, { createdAt: new Date(createdAt), id: { $lt: id! } }] } : where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: first + 1,
    }),
    em.count(OutboxMessage, where),
  ]);
  return toConnection(rows, first, totalCount, (m) => [m.createdAt.toISOString(), m.id]);
}

/** Puts one failed message back in the queue with a fresh set of tries. */
export async function resendMessage(em: EntityManager, caller: Caller, id: string) {
  authorize(caller.actor, 'messages.manage');
  const message = await em.findOne(OutboxMessage, { id, municipalityId: caller.municipality.id, ...FAILED });
  if (!message) throw notFound('Failed message');
  retryMessage(message);
  await em.flush();
  return message;
}

/** After a mail-server outage: every failed message of the municipality goes back in the queue. */
export async function resendAllFailedMessages(em: EntityManager, caller: Caller): Promise<number> {
  authorize(caller.actor, 'messages.manage');
  const messages = await em.find(OutboxMessage, { municipalityId: caller.municipality.id, ...FAILED });
  messages.forEach(retryMessage);
  await em.flush();
  return messages.length;
}
