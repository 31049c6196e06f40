import type { Handle } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { createApi } from '#lib/server/api.ts';

// Beside the Content-Security-Policy (vite.config.ts): no MIME sniffing, no framing in old browsers,
// referrers without paths to other sites, and the camera for this site only (the desk's QR scanner).
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

export const handle: Handle = async ({ event, resolve }) => {
  // Paraglide picks the language (the `lang` cookie, else Polish) and holds it for this request's messages.
  const response = await paraglideMiddleware(event.request, ({ locale }) => {
    event.locals.lang = locale;
    event.locals.api = createApi(event);
    return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
  });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
};
