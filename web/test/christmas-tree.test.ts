import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, phonePage, signIn, signUpNewResident } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Baubles in a dashboard row (kind, status), 0 when the row is absent. */
async function dashboardBaubles(page: Page, kind: string, status: string) {
  const row = page.locator('table.dashboard tr').filter({ hasText: kind }).filter({ hasText: status });
  return (await row.count()) ? Number(await row.locator('td').nth(3).textContent()) : 0;
}

test('a resident signs up, staff hand out and take back at the desk, the dashboard counts change, an approved greeting appears on the wall', async () => {
  const resident = await phonePage(browser);
  await signIn(resident, 'leszno', 'mieszkaniec@leszno.example');
  await resident.goto('/leszno/christmas-tree');
  await resident.getByLabel('Ile bombek').fill('2');
  await resident.getByRole('button', { name: 'Zarezerwuj bombki' }).click();
  await expect.poll(() => resident.getByRole('status').first().textContent()).toContain('Zarezerwowano');
  const code = (await resident.locator('.signup code').first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  expect(await resident.locator('.signup .qr svg').count()).toBe(1);
  const greeting = `Wesołych Świąt od ${code}!`;
  await resident.getByLabel('Życzenia na ścianę').fill(greeting);
  await resident.getByRole('button', { name: 'Wyślij życzenia' }).click();
  await expect.poll(() => resident.getByRole('status').first().textContent()).toContain('Dziękujemy');

  // The big screen, watching live.
  const wall = await browser.newPage({ baseURL: inject('baseUrl'), viewport: { width: 1920, height: 1080 } });
  const subscribed = new Promise<void>((resolve) => wall.on('websocket', (s) => s.on('framesent', (f) => String(f.payload).includes('"subscribe"') && resolve())));
  await wall.goto('/leszno/christmas-tree/wall');
  await subscribed;
  expect(await wall.getByText(greeting).count()).toBe(0);

  const desk = await phonePage(browser);
  await signIn(desk, 'leszno', 'biuro@leszno.example');
  await desk.goto('/leszno/christmas-tree/desk');
  const reservedBefore = await dashboardBaubles(desk, 'Ja (mieszkaniec)', 'zarezerwowane');
  const returnedBefore = await dashboardBaubles(desk, 'Ja (mieszkaniec)', 'oddane');
  await desk.getByPlaceholder('Kod, skan QR lub nazwa').fill(code.toLowerCase());
  await desk.keyboard.press('Enter');
  await desk.waitForURL(/q=/);
  await desk.getByRole('button', { name: /^Wydaj/ }).click();
  await expect.poll(() => desk.getByRole('status').first().textContent()).toContain(`Wydano: ${code}`);
  await desk.goto(`/leszno/christmas-tree/desk?q=${code}`);
  await desk.getByRole('button', { name: /^Przyjmij zwrot/ }).click();
  await expect.poll(() => desk.getByRole('status').first().textContent()).toContain(`Przyjęto: ${code}`);
  await desk.goto('/leszno/christmas-tree/desk');
  expect(await dashboardBaubles(desk, 'Ja (mieszkaniec)', 'zarezerwowane')).toBe(reservedBefore - 2);
  expect(await dashboardBaubles(desk, 'Ja (mieszkaniec)', 'oddane')).toBe(returnedBefore + 2);

  const pending = desk.getByRole('listitem').filter({ hasText: greeting });
  await pending.getByRole('button', { name: 'Zatwierdź' }).click();
  await expect.poll(() => wall.getByText(greeting).count(), { timeout: 10_000 }).toBe(1);

  await resident.context().close();
  await desk.context().close();
  await wall.close();
});

test('on a phone, a double press on "Zarezerwuj bombki" signs up once and the answer is on screen', async () => {
  const page = await phonePage(browser);
  await signUpNewResident(page, 'leszno');
  await page.goto('/leszno/christmas-tree');
  await page.getByLabel('Ile bombek').fill('1');
  await page.getByRole('button', { name: 'Zarezerwuj bombki' }).evaluate((button: HTMLButtonElement) => { button.click(); button.click(); });
  const status = page.getByRole('status').first();
  await expect.poll(() => status.textContent()).toContain('Zarezerwowano');
  const box = (await status.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  // A second request would have been refused (one active sign-up per person) and said so.
  expect(await page.getByRole('alert').count()).toBe(0);
  await page.reload();
  expect(await page.locator('.signup').count()).toBe(1);
  await page.context().close();
});
