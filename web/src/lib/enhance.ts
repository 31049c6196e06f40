import type { SubmitFunction } from '$app/forms';
import { tick } from 'svelte';

/**
 * What every form does with JavaScript on (`use:enhance={submitted()}`), so an action answers where
 * the person acted: no reload, filters and scroll kept; the buttons are busy and cannot be pressed
 * twice; a question first when the submitter or form has `data-confirm`; then focus moves to the
 * first refused field or to the result message next to the form. Without JavaScript the same form
 * posts as usual.
 */
export function submitted({ reset = false }: { reset?: boolean } = {}): SubmitFunction {
  return ({ formElement, submitter, cancel }) => {
    const question = submitter?.getAttribute('data-confirm') ?? formElement.getAttribute('data-confirm');
    if (question && !window.confirm(question)) return cancel();
    const buttons = [...formElement.elements].filter((element) => element instanceof HTMLButtonElement);
    // Found now: a successful action often replaces the form itself (a booked slot shows "cancel").
    const scope = formElement.closest('[data-outcome], li, article, section, .card');
    formElement.setAttribute('aria-busy', 'true');
    submitter?.setAttribute('data-busy', '');
    for (const button of buttons) button.disabled = true;
    return async ({ result, update }) => {
      try {
        await update({ reset });
      } finally {
        formElement.removeAttribute('aria-busy');
        submitter?.removeAttribute('data-busy');
        for (const button of buttons) button.disabled = false;
      }
      if (result.type === 'success' || result.type === 'failure') {
        await tick();
        focusOutcome(formElement, scope);
      }
    };
  };
}

/** The refused field, else the nearest message (role alert/status) in the form's card or section. */
function focusOutcome(form: HTMLFormElement, scope: Element | null) {
  const invalid = form.isConnected ? form.querySelector<HTMLElement>('[aria-invalid="true"]') : null;
  if (invalid) return invalid.focus();
  const page = document.getElementById('content') ?? document.body;
  const around = scope?.isConnected ? scope : page;
  // A page-wide refusal (e.g. the console's, above its controls) sits outside the form's card.
  const message = around.querySelector<HTMLElement>('[role="alert"], [role="status"]') ?? page.querySelector<HTMLElement>('[role="alert"]');
  if (!message) return;
  message.tabIndex = -1;
  message.focus({ preventScroll: true });
  message.scrollIntoView({ block: 'nearest' });
}

/**
 * A named action's address that keeps the page's query (filters, paging), so without JavaScript
 * the page that answers is the one the person acted on: `?free=1&day=2026-12-09&/book`.
 */
export function actionUrl(url: { searchParams: Iterable<[string, string]> }, action: string): string {
  const query = [...url.searchParams].filter(([name]) => !name.startsWith('/'));
  return `?${[...query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`), `/${action}`].join('&')}`;
}
