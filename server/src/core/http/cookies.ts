import type { Request, Response } from 'express';
import type { SessionCookieJar } from '../context.js';

export const SESSION_COOKIE = 'razem_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The session cookie: http-only (no script can read it), SameSite=Lax, Secure behind https. */
export function sessionCookieJar(req: Request, res: Response, secure: boolean): SessionCookieJar {
  const options = { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
  return {
    current: readCookie(req.headers.cookie, SESSION_COOKIE),
    set: (token, expiresAt) => res.cookie(SESSION_COOKIE, token, { ...options, expires: expiresAt }),
    clear: () => res.clearCookie(SESSION_COOKIE, options),
  };
}
