import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('staff plan and start a session; a participant’s phone shows seat and partner, and round 2 after a skip without reloading', async () => {
  const staff = await browser.newPage({ baseURL: inject('baseUrl'), viewport: { width: 1280, height: 900 } });
  await signIn(staff, 'leszno', 'biuro@leszno.example');
  await staff.goto('/leszno/speed-dating');
  await staff.getByRole('link', { name: 'Randki obywatelskie – zima' }).click();
  await staff.waitForURL(/\/speed-dating\/[0-9a-f-]{36}$/);
  const sessionUrl = staff.url().replace(inject('baseUrl'), '');
  await staff.getByRole('link', { name: 'Prowadzenie (Biuro)' }).click();
  await staff.getByRole('button', { name: 'Ułóż plan' }).click();
  await expect.poll(() => staff.getByRole('status').first().textContent()).toMatch(/Plan: \d+ par z \d+ możliwych/);
  await staff.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => staff.getByTestId('console-status').textContent()).toBe('Trwa');

  const phone = await phonePage(browser);
  const subscribed = new Promise<void>((resolve) => phone.on('websocket', (s) => s.on('framesent', (f) => String(f.payload).includes('"subscribe"') && resolve())));
  await signIn(phone, 'leszno', 'organizacja@leszno.example');
  await phone.goto(sessionUrl);
  await subscribed;
  await expect.poll(() => phone.locator('.status').textContent()).toContain('Runda 1 z 12');
  const seatOrRest = async () => (await phone.getByTestId('my-seat').count()) ? (await phone.getByTestId('my-seat').textContent())! : (await phone.getByText('W tej rundzie odpoczywasz').textContent())!;
  expect(await seatOrRest()).toMatch(/Miejsce \d+|odpoczywasz/);
  if (await phone.getByTestId('my-partner').count()) expect((await phone.getByTestId('my-partner').textContent())!.length).toBeGreaterThan(2);

  await staff.getByRole('button', { name: 'Następna runda' }).click();
  // Pushed over the WebSocket: the phone was not reloaded.
  await expect.poll(() => phone.locator('.status').textContent(), { timeout: 10_000 }).toContain('Runda 2 z 12');
  expect(await seatOrRest()).toMatch(/Miejsce \d+|odpoczywasz/);

  await staff.goto(`${sessionUrl}/screen`);
  expect(await staff.locator('.round').textContent()).toContain('Runda 2 z 12');
  expect(await staff.getByRole('timer').textContent()).toMatch(/^\d+:\d{2}$/);
  await staff.close();
  await phone.context().close();
});
