/**
 * Interface language and formats. The texts live in `web/messages/{pl,en}.json` and are compiled by
 * Paraglide into `#lib/paraglide/messages.js`; the language comes from the `lang` cookie (set by the
 * switch in the header) and defaults to Polish.
 */
import { m } from '#lib/paraglide/messages.js';
import { isLocale, type Locale } from '#lib/paraglide/runtime.js';
import type { MutationFailure } from './server/api.ts';

export type Language = Locale;
export const isLanguage = (value: unknown): value is Language => isLocale(value);

/** "Try again in 45 s" / "… in 3 minutes": a wait the API asked for, in words. */
export function rateLimitedText(seconds: number): string {
  return seconds < 60 ? m.errors_rateLimitedSeconds({ seconds }) : m.errors_rateLimited({ minutes: Math.ceil(seconds / 60) });
}

/** Field error text in the interface language (never the API's English message). */
export const fieldErrorText = (problem: { code: string }): string => m.errors_byCode({ value: problem.code });

/** Why an action was refused, in the interface language: the wait, the reason, the fields' problems or the kind. */
export function failureText(failure: MutationFailure): string {
  if (failure.code === 'RATE_LIMITED') return rateLimitedText(failure.retryAfterSeconds ?? 60);
  if (failure.reason) return m.errors_reason({ value: failure.reason });
  if (failure.fields.length) return [...new Set(failure.fields.map(fieldErrorText))].join(' ');
  return m.errors_code({ value: failure.code });
}

/** The message above a form whose fields show their own problems: "correct the marked fields", or why else. */
export const formFailureText = (failure: MutationFailure): string =>
  failure.fields.length && !failure.reason ? m.form_fixErrors() : failureText(failure);

/** Dates and times are always shown in Warsaw time, whatever the viewer's device says. */
const locale = (lang: Language) => (lang === 'pl' ? 'pl-PL' : 'en-GB');

// Building a formatter loads locale data; pages format dozens of times each: one per kind and language.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(localeTag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${localeTag}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(localeTag, { ...options, timeZone: 'Europe/Warsaw' })));
  return format;
}

export function formatDateTime(iso: string, lang: Language): string {
  return formatter(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "10:00" in Warsaw time. */
export const formatTime = (iso: string, lang: Language) => formatter(locale(lang), { timeStyle: 'short' }).format(new Date(iso));

/** "poniedziałek, 30 listopada" for a Warsaw date (YYYY-MM-DD) or an instant. */
export const formatDay = (dateOrIso: string, lang: Language) =>
  formatter(locale(lang), { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(dateOrIso.length === 10 ? `${dateOrIso}T12:00:00Z` : dateOrIso));

/** The Warsaw date (YYYY-MM-DD) of an instant, for grouping by day. */
export const warsawDate = (iso: string) => formatter('en-CA', {}).format(new Date(iso));
