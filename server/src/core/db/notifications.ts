import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * PostgreSQL notifications (NOTIFY), heard in two ways.
 *
 * - Every pooled connection LISTENs. PostgreSQL sends a session its own notifications before it
 *   reports the committing statement done, so a change made through this process is heard before
 *   the code that made it goes on: the next request, even the same person's, sees it.
 * - One dedicated connection per server LISTENs all the time (`listenForNotifications`), so changes
 *   made elsewhere (another server, a job, psql) are heard even while the pool holds no connection.
 *   Whoever trusts what it has heard (a cache) must stop trusting it while that connection is down.
 */

/**
 * What the database announces (its triggers, see the migrations). Every connection LISTENs on all
 * of them from its start, whatever code has asked to hear them yet.
 */
export const DATABASE_CHANNELS = {
  /** A user's id, whenever what their sessions stand for changes (the actor_change_notifications migration). */
  actorChanged: 'razem_actor_changed',
} as const;
export type DatabaseChannel = (typeof DATABASE_CHANNELS)[keyof typeof DATABASE_CHANNELS];

const heard = new EventEmitter().setMaxListeners(0);

/** Calls `handler` with the payload of every notification on `channel` this process hears; returns the way to stop. */
export function onNotification(channel: DatabaseChannel, handler: (payload: string) => void): () => void {
  heard.on(channel, handler);
  return () => heard.off(channel, handler);
}

const deliver = (message: pg.Notification) => heard.emit(message.channel, message.payload ?? '');
const LISTEN_SQL = Object.values(DATABASE_CHANNELS).map((channel) => `listen ${pg.escapeIdentifier(channel)}`).join(';');

/** Makes every connection `pool` opens LISTEN (see above). */
export function listenOnPooledConnections(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    client.on('notification', deliver);
    // Queued ahead of whatever the connection is opened for. Should it fail (a replica refuses), the
    // dedicated listener still hears everything, so there is nothing to do about it.
    client.query(LISTEN_SQL).catch(() => {});
  });
}

export const LISTENER_APPLICATION_NAME = 'razem-notifications';

export interface NotificationListener {
  /** True while the dedicated connection is LISTENing: only then is nothing missed. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * Keeps one connection to `url` LISTENing, reconnecting after a failure (1 s, doubling up to 30 s).
 * `onListening(true)` is called once it listens, `onListening(false)` as soon as it is lost: what
 * was heard before a gap says nothing about the gap.
 */
export function listenForNotifications(url: string, onListening: (listening: boolean) => void, logger: Logger): NotificationListener {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retryMs = 1000;
  let retry: NodeJS.Timeout | undefined;

  const lost = (error?: Error) => {
    if (error && !closed) logger.warn({ err: error }, 'the database notification listener lost its connection; reconnecting');
    const wasListening = listening;
    listening = false;
    client?.removeAllListeners('notification');
    client = null;
    if (wasListening) onListening(false);
    if (!closed && !retry) retry = setTimeout(connect, retryMs).unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  };

  async function connect() {
    retry = undefined;
    // Named, so an operator (or a test) can tell it from the pool's connections in pg_stat_activity.
    const next = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME });
    client = next;
    next.on('error', (error) => client === next && lost(error));
    next.on('end', () => client === next && lost(new Error('connection ended')));
    next.on('notification', deliver);
    try {
      await next.connect();
      await next.query(LISTEN_SQL);
    } catch (error) {
      if (client === next) {
        next.end().catch(() => {});
        lost(error as Error);
      }
      return;
    }
    if (closed || client !== next) return void next.end().catch(() => {});
    retryMs = 1000;
    listening = true;
    onListening(true);
  }

  void connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      lost();
      await last?.end().catch(() => {});
    },
  };
}
