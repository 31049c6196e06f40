import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

// Addresses a person can type or mistype: each must answer a real page, never a 5xx.
test.each([
  ['/leszno/speed-dating/not-a-uuid', 404],
  ['/leszno/speed-dating/00000000-0000-4000-8000-000000000000', 404],
  ['/leszno/organizations/no-such-organisation', 404],
  ['/leszno/fair/apply?fair=xyz', 404],
  ["/leszno/open-days/organizer/slots/xyz'%20OR%201=1", 404],
  ['/leszno/organizations?form=NOT_A_FORM', 400],
])('%s answers %i in Polish with the site navigation', async (path, status) => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'biuro@leszno.example');
  const response = await page.goto(path);
  expect(response!.status()).toBe(status);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(status === 404 ? 'Nie znaleziono strony.' : 'Adres strony jest nieprawidłowy.');
  // The page's script must run for Escape to close the menu.
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  await page.locator('summary', { hasText: 'Menu' }).click();
  expect(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organizacje', exact: true }).count()).toBe(1);
  // Escape closes the menu again and leaves focus on its button.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('details.menu').evaluate((menu: HTMLDetailsElement) => menu.open)).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
  expect(await page.getByRole('link', { name: 'Strona główna' }).getAttribute('href')).toBe('/leszno');
  await page.context().close();
});

test('an unknown municipality is a Polish 404 that leads to the list of municipalities', async () => {
  const page = await phonePage(browser);
  const response = await page.goto('/warszawa/organizations');
  expect(response!.status()).toBe(404);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nie znaleziono strony.');
  expect(await page.getByRole('link', { name: 'Wybierz gminę' }).getAttribute('href')).toBe('/');
  await page.context().close();
});

test('a page for staff tells a resident so and offers to sign in as someone else', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'mieszkaniec@leszno.example');
  const response = await page.goto('/leszno/staff/organizations');
  expect(response!.status()).toBe(403);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nie masz uprawnień do tej strony.');
  expect(await page.getByRole('link', { name: 'Zaloguj się' }).last().getAttribute('href')).toBe('/leszno/sign-in?next=%2Fleszno%2Fstaff%2Forganizations');
  await page.context().close();
});
