import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

test('a resident finds an activity, books it, sees it in My plan and cancels it; seats update live elsewhere', async () => {
  const resident = await phonePage(browser);
  await signIn(resident, 'leszno', 'mieszkaniec@leszno.example');
  await resident.goto('/leszno/open-days');
  await resident.getByLabel('Szukaj', { exact: true }).fill('ceramiki');
  await resident.getByLabel('Tylko z wolnymi miejscami').check();
  await resident.getByRole('button', { name: 'Filtruj' }).click();
  await resident.waitForURL(/q=ceramiki/);

  const card = resident.locator('li.slot').filter({ has: resident.getByRole('button', { name: /^Zarezerwuj/ }) }).first();
  const slotId = (await card.getAttribute('data-slot'))!;
  const title = (await card.getByRole('heading').textContent())!.trim();
  expect(title).toBe('Warsztaty ceramiki');

  // Someone else watches the same slot on their phone.
  const watcher = await phonePage(browser);
  // Resolves once the watcher's page has subscribed to live seat counts over its WebSocket.
  const subscribed = new Promise<void>((resolve) =>
    watcher.on('websocket', (socket) => socket.on('framesent', (frame) => String(frame.payload).includes('"subscribe"') && resolve())),
  );
  await watcher.goto(resident.url());
  await subscribed;
  const watchedSeats = watcher.locator(`li[data-slot="${slotId}"] .seats`);
  const seatsBefore = (await watchedSeats.textContent())!.trim();
  const seatsNumber = (text: string) => Number(text.match(/\d+/)?.[0]);

  await card.getByRole('button', { name: /^Zarezerwuj/ }).click();
  await expect.poll(() => resident.locator(`li[data-slot="${slotId}"] [role=status]`).textContent()).toContain('Zarezerwowano');
  // Pushed over the WebSocket: no reload on the watcher's page.
  await expect.poll(async () => seatsNumber((await watchedSeats.textContent())!), { timeout: 10_000 }).toBe(seatsNumber(seatsBefore) - 1);

  await resident.getByRole('link', { name: 'Mój plan' }).click();
  await resident.waitForURL('**/open-days/my-plan');
  const planned = resident.getByRole('listitem').filter({ hasText: title });
  await expect.poll(() => planned.count()).toBeGreaterThan(0);
  expect(await planned.first().getByText(/Kod: [A-Z2-9]{6}/).count()).toBe(1);
  const before = await resident.getByRole('button', { name: `Anuluj rezerwację: ${title}` }).count();
  await resident.getByRole('button', { name: `Anuluj rezerwację: ${title}` }).first().click();
  await expect.poll(() => resident.getByRole('status').textContent()).toBe('Rezerwacja anulowana.');
  expect(await resident.getByRole('button', { name: `Anuluj rezerwację: ${title}` }).count()).toBe(before - 1);
  await expect.poll(async () => seatsNumber((await watchedSeats.textContent())!), { timeout: 10_000 }).toBe(seatsNumber(seatsBefore));

  await resident.getByRole('button', { name: 'Subskrybuj w kalendarzu' }).click();
  const feed = await resident.getByLabel('Subskrybuj w kalendarzu').inputValue();
  expect(feed).toMatch(/\/calendar\/[\w-]+\.ics$/);
  const ics = await (await resident.request.get(feed)).text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await resident.context().close();
  await watcher.context().close();
});

test('a full slot offers the waiting list', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'mieszkaniec5@leszno.example');
  await page.goto('/leszno/open-days');
  const card = page.locator('li.slot').filter({ hasText: 'Brak wolnych miejsc' }).filter({ has: page.getByRole('button', { name: /^Zarezerwuj/ }) });
  if ((await card.count()) === 0) return expect.fail('the demo data should have a full slot');
  await card.first().getByRole('button', { name: /^Zarezerwuj/ }).click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('listę rezerwową');
  await page.getByRole('button', { name: /^Zapisz na listę rezerwową/ }).first().click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('liście rezerwowej');
  await page.context().close();
});
