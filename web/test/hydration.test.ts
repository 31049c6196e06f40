import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, phonePage } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/**
 * Opens a page with its scripts held back, as on a slow phone: `fill` runs against the server-rendered
 * form, then the scripts load and the page hydrates. Returns once hydration is done.
 */
async function typeBeforeHydration(page: Page, path: string, fill: () => Promise<void>) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(path, { waitUntil: 'commit' });
  await fill();
  expect(await page.evaluate(() => 'hydrated' in document.documentElement.dataset)).toBe(false);
  release();
  await page.waitForFunction(() => 'hydrated' in document.documentElement.dataset);
}

test('what a resident types and ticks into the Open Days filters before the page is ready is kept and submitted', async () => {
  const page = await phonePage(browser);
  await typeBeforeHydration(page, '/leszno/open-days', async () => {
    await page.getByLabel('Szukaj', { exact: true }).fill('ceramiki');
    await page.getByLabel('Tylko z wolnymi miejscami').check();
    await page.getByLabel('Rodzaj').selectOption({ label: 'Warsztaty' });
  });
  await expect.poll(() => page.getByLabel('Szukaj', { exact: true }).inputValue()).toBe('ceramiki');
  expect(await page.getByLabel('Tylko z wolnymi miejscami').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Filtruj' }).click();
  await page.waitForURL(/q=ceramiki/);
  const url = new URL(page.url());
  expect(url.searchParams.get('q')).toBe('ceramiki');
  expect(url.searchParams.get('seats')).toBe('1');
  expect(url.searchParams.get('type')).toBe('WORKSHOP');
});

test('the directory search typed before the page is ready is kept', async () => {
  const page = await phonePage(browser);
  await typeBeforeHydration(page, '/leszno/organizations', async () => {
    await page.getByRole('searchbox').fill('zwiazek');
  });
  expect(await page.getByRole('searchbox').inputValue()).toBe('zwiazek');
  await page.getByRole('searchbox').press('Enter');
  await page.waitForURL(/q=zwiazek/);
});

test('sign-in details typed before the page is ready are kept and sign the person in', async () => {
  const page = await phonePage(browser);
  await typeBeforeHydration(page, '/leszno/sign-in', async () => {
    await page.getByLabel('E-mail', { exact: true }).fill('mieszkaniec@leszno.example');
    await page.getByLabel('Hasło', { exact: true }).fill(DEMO_PASSWORD);
  });
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.waitForURL('**/leszno');
});
