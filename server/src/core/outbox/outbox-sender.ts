import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import { type JobLeadership, runPeriodically } from '../periodic.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface Delivery {
  send(message: OutboxMessage): Promise<void>;
}

/** SMTP when SMTP_URL is set (e.g. smtp://user:pass@host:587); otherwise messages are written to the log. */
export function createDelivery(smtpUrl: string | undefined, from = 'Razem <no-reply@razem.example>'): Delivery {
  if (!smtpUrl) {
    return {
      send: async (m) => console.log(`[outbox] to ${m.recipient}: ${m.subject}\n${m.body}\n`),
    };
  }
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    send: async (m) => {
      await transport.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body });
    },
  };
}

const MAX_ATTEMPTS = 5;

/**
 * Sends a batch of unsent messages. Rows are claimed with FOR UPDATE SKIP LOCKED, so several server
 * instances can run the sender without sending a message twice. Returns how many were sent.
 */
export async function sendPendingMessages(em: EntityManager, delivery: Delivery, batchSize = 20): Promise<number> {
  return em.transactional(async (tx) => {
    const messages = await tx
      .createQueryBuilder(OutboxMessage, 'm')
      .where({ sentAt: null, attempts: { $lt: MAX_ATTEMPTS } })
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
      }
    }
    return sent;
  });
}

/** Polls the outbox in the background until stopped. */
export function startOutboxSender(fork: () => EntityManager, delivery: Delivery, leadership?: JobLeadership, intervalMs = 2000) {
  return runPeriodically('outbox', () => sendPendingMessages(fork(), delivery), intervalMs, leadership);
}
