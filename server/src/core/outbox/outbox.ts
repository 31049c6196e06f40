import type { EntityManager } from '@mikro-orm/postgresql';
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
