import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, phonePage } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('pages carry a Content-Security-Policy their own scripts satisfy, and cannot be framed', async () => {
  const page = await phonePage(browser);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = (await page.goto('/leszno/open-days'))!;
  const headers = response.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  // The page's scripts ran (hydration) and opened the live connection, all under that policy.
  await page.waitForFunction(() => 'hydrated' in document.documentElement.dataset);
  expect(violations).toEqual([]);
  await page.context().close();
});
