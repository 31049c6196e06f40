import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The process's log: JSON lines in production (one object per event, for a log collector), readable
 * lines in development. Cookies and credentials never reach it; people are named by id only.
 */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    ...(options.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}

/** For tests and tools that want no log. */
export const silentLogger: Logger = pino({ level: 'silent' });
