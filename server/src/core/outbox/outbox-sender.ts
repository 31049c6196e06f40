import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import { type JobOptions, runPeriodically } from '../periodic.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface Delivery {
  send(message: OutboxMessage): Promise<void>;
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
        if (options.showContent) return logger.info(`e-mail to ${m.recipient}: ${m.subject}\n${m.body}`);
        if (!warned) logger.warn('SMTP_URL is not set: e-mails are marked sent without being delivered');
        warned = true;
        logger.debug({ messageId: m.id, kind: m.kind }, 'e-mail not sent: SMTP_URL is not set');
      },
    };
  }
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    send: async (m) => {
      await transport.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body });
    },
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
 * Sends a batch of messages due now. Rows are claimed with FOR UPDATE SKIP LOCKED, so several server
 * instances can run the sender without sending a message twice. A failed try is retried later, with
 * growing delays (a mail server down for an hour costs nothing); after the last one the message stays
 * unsent with its last error. Returns how many were sent.
 */
export async function sendPendingMessages(em: EntityManager, delivery: Delivery, batchSize = 20, now = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const messages = await tx
      .createQueryBuilder(OutboxMessage, 'm')
      .where({ sentAt: null, attempts: { $lt: MAX_ATTEMPTS }, $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] })
      .orderBy({ createdAt: 'asc' })
      .limit(batchSize)
      .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE)
      .getResultList();
    let sent = 0;
    for (const message of messages) {
      message.attempts += 1;
      try {
        await delivery.send(message);
        message.sentAt = new Date();
        message.lastError = null;
        sent++;
      } catch (error) {
        message.lastError = error instanceof Error ? error.message : String(error);
        const delay = RETRY_DELAYS_MS[message.attempts - 1];
        message.nextAttemptAt = delay === undefined ? null : new Date(now.getTime() + delay);
      }
    }
    return sent;
  });
}

/** Polls the outbox in the background until stopped. */
export function startOutboxSender(fork: () => EntityManager, delivery: Delivery, options: JobOptions = {}, intervalMs = 2000) {
  return runPeriodically('outbox', () => sendPendingMessages(fork(), delivery), intervalMs, options);
}
