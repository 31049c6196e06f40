import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('a resident searches the directory without Polish letters and opens a profile', async () => {
  const page = await phonePage(browser);
  await page.goto('/leszno/organizations');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Baza organizacji');

  await page.getByLabel('Szukaj', { exact: true }).fill('zwiazek harcerski');
  await page.getByRole('button', { name: 'Filtruj' }).click();
  await page.waitForURL(/q=zwiazek\+harcerski/);
  const results = page.getByRole('list', { name: 'Baza organizacji' }).getByRole('link');
  expect(await results.allTextContents()).toEqual(['Związek Harcerski Drużyn Leśnych']);

  await results.first().click();
  await page.waitForURL('**/leszno/organizations/zhdl');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Związek Harcerski Drużyn Leśnych');
  expect(await page.getByText('Stowarzyszenie · ZHDL', { exact: true }).count()).toBe(1);
  // Works on a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.context().close();
});

test('filters are kept in the URL and rendered by the server', async () => {
  const page = await phonePage(browser);
  await page.goto('/leszno/organizations?form=VOLUNTEER_FIRE_BRIGADE');
  const names = await page.getByRole('list', { name: 'Baza organizacji' }).getByRole('heading').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(names.every((n) => n.includes('Straż Pożarna'))).toBe(true);
  expect(await page.getByLabel('Forma prawna').inputValue()).toBe('VOLUNTEER_FIRE_BRIGADE');
  await page.context().close();
});

test('the interface switches to English', async () => {
  const page = await phonePage(browser);
  await page.goto('/leszno/organizations');
  await page.getByRole('button', { name: /English/ }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Directory of organisations');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await page.context().close();
});

test('an organisation member edits the profile and sees field errors next to the fields', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'organizacja@leszno.example');
  await page.goto('/leszno/my-organizations');
  await page.getByRole('link', { name: 'Edytuj profil' }).first().click();
  await page.getByLabel('NIP').fill('123-456-32-19');
  await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
  await expect.poll(() => page.locator('#field-nip-error').textContent()).toContain('NIP musi mieć 10 cyfr');
  expect(await page.getByLabel('NIP').getAttribute('aria-invalid')).toBe('true');

  await page.getByLabel('NIP').fill('123-456-32-18');
  await page.getByLabel('Telefon').fill('+48 65 111 22 33');
  await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Zapisano zmiany.');
  expect(await page.getByLabel('Telefon').inputValue()).toBe('+48 65 111 22 33');
  await page.context().close();
});

test('staff publish a pending organisation and it appears in the directory', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'biuro@leszno.example');
  await page.goto('/leszno/staff/organizations');
  const firstCard = page.locator('.cards > li').first();
  const name = (await firstCard.getByRole('heading').textContent())!.trim();
  await firstCard.getByRole('button', { name: /^Opublikuj/ }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Opublikowano.');
  await page.goto(`/leszno/organizations?q=${encodeURIComponent(name)}`);
  expect(await page.getByRole('list', { name: 'Baza organizacji' }).getByRole('link').allTextContents()).toContain(name);
  await page.context().close();
});

test('the printable public-benefit guide lists KRS numbers', async () => {
  const page = await phonePage(browser);
  await page.goto('/leszno/guide?year=2025');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Informator organizacji pożytku publicznego 2025');
  expect(await page.getByText(/KRS: \d{10}/).count()).toBeGreaterThan(0);
  await page.context().close();
});
