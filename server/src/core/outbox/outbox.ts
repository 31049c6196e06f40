import type { EntityManager } from '@mikro-orm/postgresql';
import { countChanged } from '../db/changed.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface Message {
  municipalityId: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
}

/** Queues a message in the caller's unit of work: it is stored by the caller's flush, in its transaction. */
export function enqueueMessage(em: EntityManager, message: Message): void {
  em.create(OutboxMessage, message);
}

/** Personal data: the copies of messages sent to an address (an erased account's). */
export async function deleteMessagesTo(em: EntityManager, municipalityId: string, recipient: string): Promise<void> {
  await em.nativeDelete(OutboxMessage, { municipalityId, recipient });
}

/** Personal data: copies of messages written before `cutoff`. */
export function deleteMessagesBefore(em: EntityManager, municipalityId: string, cutoff: Date): Promise<number> {
  return countChanged(em, 'delete from outbox_message where municipality_id = ? and created_at < ?', [municipalityId, cutoff]);
}
