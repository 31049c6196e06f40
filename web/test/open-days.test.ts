import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, phonePage, signIn, signUpNewResident } from './e2e/browser.ts';

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
  // Cancelling asks first.
  const question = new Promise<string>((resolve) => resident.once('dialog', (dialog) => { resolve(dialog.message()); void dialog.accept(); }));
  await resident.getByRole('button', { name: `Anuluj rezerwację: ${title}` }).first().click();
  expect(await question).toContain('Anulować rezerwację?');
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

test('on a phone, booking from a filtered list answers in the card: filters, scroll and place kept, a double press books once', async () => {
  const page = await phonePage(browser);
  await signUpNewResident(page, 'leszno');
  await page.goto('/leszno/open-days?seats=1');
  const bookable = page.locator('li.slot').filter({ has: page.getByRole('button', { name: /^Zarezerwuj/ }) });
  expect(await bookable.count()).toBeGreaterThan(7);
  const card = bookable.nth(6);
  const slotId = (await card.getAttribute('data-slot'))!;
  const title = (await card.getByRole('heading').textContent())!.trim();
  await card.scrollIntoViewIfNeeded();
  const scrolledTo = await page.evaluate(() => window.scrollY);
  expect(scrolledTo).toBeGreaterThan(0);

  // Two presses in the same instant, as a hurried thumb does.
  await card.getByRole('button', { name: /^Zarezerwuj/ }).evaluate((button: HTMLButtonElement) => { button.click(); button.click(); });
  const status = page.locator(`li[data-slot="${slotId}"] [role=status]`);
  await expect.poll(() => status.textContent()).toContain('Zarezerwowano');
  // The answer is on screen where the thumb was, the list is still filtered, nothing reloaded.
  const box = (await status.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  expect(new URL(page.url()).search).toBe('?seats=1');
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolledTo)).toBeLessThan(400);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');

  await page.goto('/leszno/open-days/my-plan');
  expect(await page.getByRole('button', { name: new RegExp(`^Anuluj rezerwację: ${title}`) }).count()).toBe(1);
  await page.context().close();
});

test('without JavaScript, booking from a filtered list comes back to the same filtered list, at the card', async () => {
  const page = await phonePage(browser, { javaScript: false });
  await signUpNewResident(page, 'leszno');
  await page.goto('/leszno/open-days?seats=1');
  const card = page.locator('li.slot').filter({ has: page.getByRole('button', { name: /^Zarezerwuj/ }) }).nth(3);
  const slotId = (await card.getAttribute('data-slot'))!;
  await card.getByRole('button', { name: /^Zarezerwuj/ }).click();
  await page.waitForLoadState();
  const url = new URL(page.url());
  expect(url.searchParams.get('seats')).toBe('1');
  expect(url.hash).toBe(`#slot-${slotId}`);
  expect(await page.locator(`li[data-slot="${slotId}"] [role=status]`).textContent()).toContain('Zarezerwowano');
  await page.context().close();
});
