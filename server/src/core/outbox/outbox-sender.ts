import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import { type JobOptions, runPeriodically } from '../periodic.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { messageContent } from './outbox.js';

export interface Delivery {
  send(message: OutboxMessage): Promise<void>;
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

/**
 * Sends one batch of messages due at `now`. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * server instances can run the sender without sending a message twice. The batch goes out at once (a
 * pooled SMTP transport spreads it over its connections). A failed try is retried later, with growing
 * delays (a mail server down for an hour costs nothing); after the last one the message stays unsent
 * with its last error.
 */
async function sendBatch(em: EntityManager, delivery: Delivery, batchSize: number, now: Date): Promise<{ claimed: number; sent: number }> {
  return em.transactional(async (tx) => {
    const messages = await tx
      .createQueryBuilder(OutboxMessage, 'm')
      .where({ sentAt: null, attempts: { $lt: MAX_ATTEMPTS }, $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] })
      .orderBy({ createdAt: 'asc' })
      .limit(batchSize)
      .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE)
      .getResultList();
    const outcomes = await Promise.allSettled(messages.map((message) => delivery.send(message)));
    let sent = 0;
    messages.forEach((message, i) => {
      const outcome = outcomes[i]!;
      message.attempts += 1;
      if (outcome.status === 'fulfilled') {
        message.sentAt = new Date();
        message.lastError = null;
        sent++;
      } else {
        message.lastError = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        const delay = RETRY_DELAYS_MS[message.attempts - 1];
        message.nextAttemptAt = delay === undefined ? null : new Date(now.getTime() + delay);
      }
    });
    return { claimed: messages.length, sent };
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
