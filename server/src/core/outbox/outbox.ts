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

/**
 * A CTE, `name as (insert …)`, that queues in the very statement making a change the message for the
 * outcome it reports: `messages[outcome]` for each row of `from` (none for an outcome not listed). A
 * change done in one statement commits with its message, and holds its locks for that statement only.
 */
export function enqueueByOutcomeSql(name: string, from: string, outcomeColumn: string, messages: Record<string, Message>): { text: string; params: unknown[] } {
  const entries = Object.entries(messages);
  if (!entries.length) throw new Error('enqueueByOutcomeSql: no message');
  return {
    text: `${name} as (insert into outbox_message (id, municipality_id, recipient, kind, subject, body, created_at)
      select gen_random_uuid(), m.municipality_id::uuid, m.recipient, m.kind, m.subject, m.body, now()
        from ${from} join (values ${entries.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}) as m(outcome, municipality_id, recipient, kind, subject, body)
          on m.outcome = ${from}.${outcomeColumn})`,
    params: entries.flatMap(([outcome, m]) => [outcome, m.municipalityId, m.recipient, m.kind, m.subject, m.body]),
  };
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
