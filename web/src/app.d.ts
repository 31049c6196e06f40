import type { Language } from '#lib/i18n.ts';
import type { Api } from '#lib/server/api.ts';

declare global {
  namespace App {
    interface Locals {
      lang: Language;
      api: Api;
    }
  }
}

export {};
