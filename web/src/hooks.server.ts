import type { Handle } from '@sveltejs/kit/hooks';
import { isLanguage } from '#lib/i18n.ts';
import { createApi } from '#lib/server/api.ts';

export const handle: Handle = async ({ event, resolve }) => {
  const lang = event.cookies.get('lang');
  event.locals.lang = isLanguage(lang) ? lang : 'pl';
  event.locals.api = createApi(event);
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang) });
};
