import type { Language } from '#lib/i18n.ts';
import type { Api } from '#lib/server/api.ts';

declare global {
  namespace App {
    interface Locals {
      lang: Language;
      api: Api;
    }
    interface Error {
      message: string;
      /** 429: how long the API asked to wait. */
      retryAfterSeconds?: number;
      /** 500: the reference the API logged the error under. */
      reference?: string;
    }
  }
}

export {};
