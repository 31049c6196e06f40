import type { EntityManager } from '@mikro-orm/postgresql';
import { countChanged } from '../db/changed.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface MessageContent {
  subject: string;
  body: string;
}

/**
 * A message to queue: its text, or the facts its kind's template renders when it is read (see
 * `registerMessageTemplate`).
 */
export type Message = { municipalityId: string; kind: string; recipient: string } & (MessageContent | { facts: object });

/** What a stored message's text is written from: its own text, or its kind's template and facts. */
export type MessageSource = Pick<OutboxMessage, 'kind' | 'subject' | 'body' | 'facts'>;

type Template = (facts: never) => MessageContent;
const templates = new Map<string, Template>();

/**
 * Declares how messages of a kind are written from their facts. A change made in one SQL
 * statement (a booking) cannot call back into Node to write its message's text, so it queues the
 * facts the text needs, read under the same statement; the text is rendered when the message is sent
 * or shown. A module registers its templates when it loads, as the schema does.
 */
export function registerMessageTemplate<F>(kind: string, render: (facts: F) => MessageContent): void {
  templates.set(kind, render as Template);
}

/** What a queued message says: its stored text, or its facts rendered by its kind's template. */
export function messageContent(message: MessageSource): MessageContent {
  if (message.facts === null) return { subject: message.subject!, body: message.body! };
  const render = templates.get(message.kind);
  if (!render) throw new Error(`No template for messages of kind ${message.kind}`);
  return render(message.facts as never);
}

/**
 * What a message says where people read it back (staff's list of failed messages, a person's data
 * export): its content, or, when no template can write it, its kind and no text. Those pages must not
 * fail on the very message that could not be sent; the sender fails it with the reason instead.
 */
export function readableContent(message: MessageSource): MessageContent {
  try {
    return messageContent(message);
  } catch {
    return { subject: message.kind, body: '' };
  }
}

/**
 * A CTE, `name as (insert …)`, that queues messages in the very statement making the change they
 * tell about: one per row of `select`, which yields (municipality_id, recipient, kind, facts). A
 * change done in one statement commits with its messages, and holds its locks for that statement only.
 */
export function enqueueFactsSql(name: string, select: string): string {
  return `${name} as (insert into outbox_message (id, municipality_id, recipient, kind, facts, created_at)
      select gen_random_uuid(), m.municipality_id, m.recipient, m.kind, m.facts, now() from (${select}) as m(municipality_id, recipient, kind, facts))`;
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
