import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import { type JobOptions, runPeriodically } from '../periodic.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { messageContent, type MessageSource } from './outbox.js';

export interface Delivery {
  send(message: QueuedMessage): Promise<void>;
  /** Lets go of kept connections (at shutdown). */
  close?(): void;
}

/**
 * SMTP when SMTP_URL is set (e.g. smtp://user:pass@host:587); otherwise messages go to the log: in
 * full for a local trial, and in production only what kind each was (addresses are personal data).
 */
export function createDelivery(smtpUrl: string | undefined, logger: Logger, options: { showContent: boolean }, from = 'Razem <no-reply@razem.example>'): Delivery {
  if (!smtpUrl) {
    // Said once, not once per message: a busy day would fill the log with the same line.
    let warned = false;
    return {
      send: async (m) => {
        if (options.showContent) {
          const { subject, body } = messageContent(m);
          return logger.info(`e-mail to ${m.recipient}: ${subject}\n${body}`);
        }
        if (!warned) logger.warn('SMTP_URL is not set: e-mails are marked sent without being delivered');
        warned = true;
        logger.debug({ messageId: m.id, kind: m.kind }, 'e-mail not sent: SMTP_URL is not set');
      },
    };
  }
  // Pooled: a backlog goes out over a few kept connections (5 by default, `?maxConnections=` in the
  // URL), not a new connection and TLS handshake per message.
  const transport: Transporter = nodemailer.createTransport({ url: smtpUrl, pool: true });
  return {
    send: async (m) => {
      const { subject, body } = messageContent(m);
      await transport.sendMail({ from, to: m.recipient, subject, text: body });
    },
    close: () => transport.close(),
  };
}

/** Waits after the 1st, 2nd, 3rd and 4th failed try; after the 5th the message has failed for good. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Messages that failed for good: every try was used. Staff may send them again. */
export const FAILED = { sentAt: null, attempts: { $gte: MAX_ATTEMPTS } };

/** A failed message goes back in the queue with a fresh set of tries; its last error stays until then. */
export function retryMessage(message: OutboxMessage) {
  message.attempts = 0;
  message.nextAttemptAt = null;
}

/** Messages waiting to be sent and messages that failed for good, for the metrics. */
export async function outboxCounts(em: EntityManager): Promise<{ pending: number; failed: number }> {
  const [row] = await em.getConnection().execute<{ pending: string; failed: string }[]>(
    `select count(*) filter (where attempts < ?) as pending, count(*) filter (where attempts >= ?) as failed
       from outbox_message where sent_at is null`,
    [MAX_ATTEMPTS, MAX_ATTEMPTS],
  );
  return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0) };
}

/** A claimed message, as a delivery sees it. */
export type QueuedMessage = MessageSource & Pick<OutboxMessage, 'id' | 'recipient'>;

/**
 * Sends one batch of messages due at `now`. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * server instances can run the sender without sending a message twice. The batch goes out at once (a
 * pooled SMTP transport spreads it over its connections). A failed try is retried later, with growing
 * delays (a mail server down for an hour costs nothing); after the last one the message stays unsent
 * with its last error. Plain rows and set-based updates, no entities: while booking opens, this sends
 * as many messages a second as residents book, and as entities it took a sixth of the API's CPU.
 */
async function sendBatch(em: EntityManager, delivery: Delivery, batchSize: number, now: Date): Promise<{ claimed: number; sent: number }> {
  return em.transactional(async (tx) => {
    const messages = await tx.execute<(QueuedMessage & { attempts: number })[]>(
      `select id, kind, recipient, subject, body, facts, attempts from outbox_message
        where sent_at is null and attempts < ? and (next_attempt_at is null or next_attempt_at <= ?)
        order by created_at limit ? for update skip locked`,
      [MAX_ATTEMPTS, now, batchSize],
    );
    const outcomes = await Promise.allSettled(messages.map((message) => delivery.send(message)));
    const sent = messages.filter((_, i) => outcomes[i]!.status === 'fulfilled').map((m) => m.id);
    const failed = messages.flatMap((message, i) => {
      const outcome = outcomes[i]!;
      if (outcome.status === 'fulfilled') return [];
      const delay = RETRY_DELAYS_MS[message.attempts];
      const error = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      return [{ id: message.id, error, next_attempt_at: delay === undefined ? null : new Date(now.getTime() + delay) }];
    });
    if (sent.length) {
      await tx.execute('update outbox_message set attempts = attempts + 1, sent_at = ?, last_error = null where id in (?)', [new Date(), sent]);
    }
    if (failed.length) {
      await tx.execute(
        `update outbox_message m set attempts = m.attempts + 1, last_error = f.error, next_attempt_at = f.next_attempt_at
           from jsonb_to_recordset(?::jsonb) as f(id uuid, error text, next_attempt_at timestamptz) where m.id = f.id`,
        [JSON.stringify(failed)],
      );
    }
    return { claimed: messages.length, sent: sent.length };
  });
}

/**
 * Sends what is due, batch after batch, for as long as batches come back full and every message in
 * them went out: when booking opens, confirmations keep up with the bookings instead of trickling out
 * one batch per tick. A failure ends the run (the mail server is likely down, and each message waits
 * its retry delay), and so does the time budget, so a tick never runs unbounded. `now` fixes the
 * clock (tests of the retry delays); by default each batch reads it. Returns how many were sent.
 */
export async function drainOutbox(
  fork: () => EntityManager, delivery: Delivery, { batchSize = 20, budgetMs = 10_000, now }: { batchSize?: number; budgetMs?: number; now?: Date } = {},
): Promise<number> {
  const started = performance.now();
  let total = 0;
  for (;;) {
    const { claimed, sent } = await sendBatch(fork(), delivery, batchSize, now ?? new Date());
    total += sent;
    if (claimed < batchSize || sent < claimed || performance.now() - started >= budgetMs) return total;
  }
}

/** Polls the outbox in the background until stopped. */
export function startOutboxSender(fork: () => EntityManager, delivery: Delivery, options: JobOptions = {}, intervalMs = 2000) {
  const job = runPeriodically('outbox', () => drainOutbox(fork, delivery), intervalMs, options);
  return {
    async stop() {
      await job.stop();
      delivery.close?.();
    },
  };
}
