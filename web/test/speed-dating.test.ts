import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const PHONE_HEIGHT = 844;
const hydrated = (page: Page) => page.waitForFunction(() => 'hydrated' in document.documentElement.dataset);

/** Fully inside the first screen of a phone, without scrolling. */
async function expectInFirstScreen(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE_HEIGHT);
}

test('on a phone the site header is one short row whose menu opens and reaches a page; wide screens show the whole navigation', async () => {
  const phone = await phonePage(browser);
  await phone.goto('/leszno');
  const header = phone.locator('header.site');
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
  const nav = phone.getByRole('navigation', { name: 'Menu' });
  expect(await nav.getByRole('link', { name: 'Randki obywatelskie' }).isVisible()).toBe(false);

  await hydrated(phone);
  await header.locator('summary').click();
  await nav.getByRole('link', { name: 'Randki obywatelskie' }).click();
  await phone.waitForURL('**/leszno/speed-dating');
  expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('Randki obywatelskie');
  // Closed again after the visit.
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
  expect(await nav.getByRole('link', { name: 'Organizacje' }).isVisible()).toBe(false);
  await phone.context().close();

  const desktop = await browser.newPage({ baseURL: inject('baseUrl'), viewport: { width: 1280, height: 900 } });
  await desktop.goto('/leszno');
  expect(await desktop.locator('header.site summary').isVisible()).toBe(false);
  expect(await desktop.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organizacje' }).isVisible()).toBe(true);
  await desktop.close();
});

test('staff plan and start a session; a participant’s phone shows clock, seat and partner in the first screen, and round 2 after a skip without reloading', async () => {
  const staff = await browser.newPage({ baseURL: inject('baseUrl'), viewport: { width: 1280, height: 900 } });
  await signIn(staff, 'leszno', 'biuro@leszno.example');
  await staff.goto('/leszno/speed-dating');
  await staff.getByRole('link', { name: 'Randki obywatelskie – zima' }).click();
  await staff.waitForURL(/\/speed-dating\/[0-9a-f-]{36}$/);
  const sessionUrl = staff.url().replace(inject('baseUrl'), '');
  await staff.getByRole('link', { name: 'Prowadzenie (Biuro)' }).click();
  await staff.waitForURL(/\/console$/);
  await hydrated(staff);

  // Pressed twice quickly: planned once (the button is busy while the first answer comes).
  let plans = 0;
  staff.on('request', (request) => void (request.method() === 'POST' && request.url().endsWith('?/plan') && plans++));
  await staff.getByRole('button', { name: 'Ułóż plan' }).dblclick();
  await expect.poll(() => staff.getByRole('status').first().textContent()).toMatch(/Plan: \d+ par z \d+ możliwych/);
  expect(plans).toBe(1);

  // The plan as a list per round: every table with both people by full name and affiliation.
  const rounds = staff.getByTestId('plan-round');
  expect(await rounds.count()).toBe(12);
  const names = await staff.locator('[data-testid="plan-round"] .name').allTextContents();
  expect(names).toHaveLength(12 * 8 * 2);
  expect(names.filter((name) => name.includes('…'))).toEqual([]);
  expect(names).toContain('Przedstawiciel NGO Demo 10');
  expect(names).toContain('Członek Organizacji Demo');
  const firstRound = rounds.first();
  for (const row of await firstRound.locator('tbody tr').allInnerTexts()) expect(row).toMatch(/Urzędnik Demo[^]*(Wydział|Biuro|Straż)/);
  // 12 representatives, 8 officials: four representatives have no partner in each round.
  expect((await firstRound.getByText('Bez pary w tej rundzie').locator('..').textContent())!.match(/Przedstawiciel NGO Demo|Członek Organizacji Demo/g)).toHaveLength(4);

  // Printed: the rounds only, without the header and the controls.
  await staff.emulateMedia({ media: 'print' });
  expect(await staff.locator('header.site').isVisible()).toBe(false);
  expect(await staff.getByRole('button', { name: 'Ułóż plan' }).isVisible()).toBe(false);
  expect(await rounds.last().isVisible()).toBe(true);
  await staff.emulateMedia({ media: 'screen' });

  await staff.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => staff.getByTestId('console-status').textContent()).toBe('Trwa');

  // Re-planning a running session asks first; dismissed, nothing is sent and the plan stays.
  const planBefore = await staff.locator('.plan').innerText();
  let question = '';
  staff.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.dismiss();
  });
  await staff.getByRole('button', { name: 'Ułóż plan' }).click();
  await expect.poll(() => question).toContain('zmieni pary od rundy 2');
  expect(plans).toBe(1);
  expect(await staff.locator('.plan').innerText()).toBe(planBefore);
  expect(await staff.getByRole('button', { name: 'Ułóż plan' }).isEnabled()).toBe(true);

  // An official always has a partner (eight officials, twelve representatives).
  const phone = await phonePage(browser);
  const subscribed = new Promise<void>((resolve) => phone.on('websocket', (s) => s.on('framesent', (f) => String(f.payload).includes('"subscribe"') && resolve())));
  await signIn(phone, 'leszno', 'urzednik@leszno.example');
  await phone.goto(sessionUrl);
  await subscribed;
  await expect.poll(() => phone.locator('.status').textContent()).toBe('Trwa · Runda 1 z 12 · Rozmowa');
  expect(await phone.getByTestId('my-seat').textContent()).toMatch(/^Miejsce \d+$/);
  expect(await phone.getByTestId('my-partner').textContent()).toMatch(/^Przedstawiciel NGO Demo \d+$|^Członek Organizacji Demo$/);
  expect(await phone.evaluate(() => window.scrollY)).toBe(0);
  expect((await phone.locator('header.site').boundingBox())!.height).toBeLessThanOrEqual(64);
  for (const part of [phone.getByRole('timer'), phone.getByTestId('my-seat'), phone.getByTestId('my-partner')]) await expectInFirstScreen(part);

  await staff.getByRole('button', { name: 'Następna runda' }).click();
  // Pushed over the WebSocket: the phone was not reloaded.
  await expect.poll(() => phone.locator('.status').textContent(), { timeout: 10_000 }).toContain('Runda 2 z 12');
  expect(await phone.getByTestId('my-seat').textContent()).toMatch(/^Miejsce \d+$/);

  await staff.goto(`${sessionUrl}/screen`);
  expect(await staff.locator('.round').textContent()).toContain('Runda 2 z 12');
  expect(await staff.getByRole('timer').textContent()).toMatch(/^\d+:\d{2}$/);
  await staff.close();
  await phone.context().close();
});
