import { redirect } from '@sveltejs/kit';
import { isLanguage } from '#lib/i18n.ts';
import type { RequestHandler } from './$types';

/** Remembers the chosen interface language for a year and returns to the page the switch was on. */
export const POST: RequestHandler = async ({ request, cookies }) => {
  const form = await request.formData();
  const lang = form.get('lang');
  if (isLanguage(lang)) cookies.set('lang', lang, { path: '/', maxAge: 365 * 24 * 3600, httpOnly: false, sameSite: 'lax' });
  const target = String(form.get('redirectTo') ?? '/');
  // Only same-site paths: never an open redirect.
  redirect(303, target.startsWith('/') && !target.startsWith('//') ? target : '/');
};
