import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seriousAxeFindings } from './e2e/axe.ts';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const FAIR = 'Targi Organizacji Pozarządowych – Dni Europy';
/** The demo fair whose plan is already published. */
const PUBLISHED_FAIR = 'Targi Organizacji Pozarządowych – Aktywne Obywatelskie Leszno';
const ORGANIZATION = 'Stowarzyszenie Przyjaciół Osób Niepełnosprawnych „Razem Łatwiej”';

/** Nothing wider than the phone: no sideways scrolling of the page. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
/** Whether the element is wholly inside the window (give or take a pixel's rounding). */
const inView = (locator: Locator) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.left >= -1 && box.top >= -1 && box.right <= window.innerWidth + 1 && box.bottom <= window.innerHeight + 1;
  });

test('an organisation applies, staff accept, allocate and publish, and the public map shows it at its stand', async () => {
  const member = await phonePage(browser);
  await signIn(member, 'leszno', 'organizacja@leszno.example');
  await member.goto('/leszno/fair');
  await member.getByRole('link', { name: FAIR }).click();
  await member.getByRole('link', { name: 'Zgłoś organizację' }).click();
  await member.getByLabel('Organizacja').selectOption({ label: ORGANIZATION });
  await member.getByLabel('Potrzebujemy prądu').check();
  await member.getByLabel('Zdrowie').check();
  await member.getByLabel('Co będzie się działo na stoisku').fill('Porady i pokaz sprzętu rehabilitacyjnego.');
  await member.getByLabel('Osoba na stoisku').fill('Dyżurna Demo');
  await member.getByLabel('Telefon w dniu targów').fill('+48 600 200 300');
  await member.getByRole('button', { name: 'Zgłoś organizację' }).click();
  await member.waitForURL(/\/leszno\/fair\?fair=/);
  expect(await member.getByText(`${ORGANIZATION}: złożone`).count()).toBe(1);
  const fairUrl = new URL(member.url());
  // Editable until the window closes.
  await member.getByRole('link', { name: 'Edytuj zgłoszenie' }).click();
  expect(await member.getByLabel('Potrzebujemy prądu').isChecked()).toBe(true);
  await member.getByLabel('Liczba stołów').fill('2');
  await member.getByRole('button', { name: 'Zapisz zmiany' }).click();
  await member.waitForURL(/\/leszno\/fair\?fair=/);

  const staff = await browser.newPage({ baseURL: fairUrl.origin, viewport: { width: 1280, height: 900 } });
  await signIn(staff, 'leszno', 'biuro@leszno.example');
  await staff.goto(`/leszno/staff/fair${fairUrl.search}`);
  await staff.getByRole('button', { name: `Przyjmij: ${ORGANIZATION}` }).click();
  const card = staff.getByRole('listitem').filter({ has: staff.getByRole('heading', { name: ORGANIZATION }) });
  await expect.poll(() => card.getByText('przyjęte').count()).toBe(1);
  // A double press runs one allocation: the button is busy from the first press.
  let allocations = 0;
  staff.on('request', (request) => void (request.method() === 'POST' && request.url().includes('/allocate') && allocations++));
  await staff.getByRole('button', { name: 'Przydziel stoiska automatycznie' }).dblclick();
  await expect.poll(() => staff.locator('.report').textContent()).toContain('Spełnione życzenia');
  await expect.poll(() => staff.getByRole('button', { name: 'Przydziel stoiska automatycznie' }).isEnabled()).toBe(true);
  expect(allocations).toBe(1);
  const stand = (await card.getByTestId('stand').textContent())!.trim();
  expect(stand).toMatch(/^[A-D]\d+$/);
  await staff.getByRole('button', { name: 'Opublikuj plan' }).click();
  await expect.poll(() => staff.locator('h2 .tag').textContent()).toBe('Plan opublikowany');
  // Unpublishing asks first; saying no leaves the plan published.
  const question = new Promise<string>((resolve) => staff.once('dialog', (dialog) => (resolve(dialog.message()), void dialog.dismiss())));
  await staff.getByRole('button', { name: 'Cofnij publikację' }).click();
  expect(await question).toContain('Cofnąć publikację planu?');
  expect(await staff.locator('h2 .tag').textContent()).toBe('Plan opublikowany');

  const visitor = await phonePage(browser);
  await visitor.goto(`/leszno/fair${fairUrl.search}`);
  expect(await pageWidth(visitor)).toBeLessThanOrEqual(390);
  expect(await seriousAxeFindings(visitor)).toEqual([]);
  await visitor.getByLabel('Gdzie jest…').fill('razem latwiej');
  await expect.poll(() => visitor.locator('.where-result').textContent()).toBe(`${ORGANIZATION}: Stoisko ${stand}`);
  // The found stand is marked on the map and in the list, and the map is zoomed and scrolled to show it.
  const found = visitor.locator(`g.highlight[data-stand="${stand}"]`);
  expect(await found.count()).toBe(1);
  await expect.poll(() => inView(found.locator('rect'))).toBe(true);
  expect(await visitor.locator('li.found').textContent()).toContain(`${stand} ${ORGANIZATION}`);
  expect(await visitor.getByRole('listitem').filter({ hasText: `${stand} ${ORGANIZATION}` }).count()).toBe(1);
  expect(await pageWidth(visitor)).toBeLessThanOrEqual(390);

  await member.context().close();
  await staff.close();
  await visitor.context().close();
});

test('the staff fair page fits a phone, with the decisions on every application in reach, and has no serious accessibility findings', async () => {
  const staff = await phonePage(browser);
  await signIn(staff, 'leszno', 'biuro@leszno.example');
  await staff.goto('/leszno/staff/fair');
  await staff.getByRole('link', { name: PUBLISHED_FAIR }).click();
  await staff.waitForURL(/fair=/);
  expect(await pageWidth(staff)).toBeLessThanOrEqual(390);
  const reject = staff.getByRole('button', { name: /^Odrzuć: / }).first();
  await reject.scrollIntoViewIfNeeded();
  expect(await inView(reject)).toBe(true);
  expect(await seriousAxeFindings(staff)).toEqual([]);
  await staff.context().close();
});

test('staff add a stand in the layout editor, move it with the keyboard and save; removing an assigned stand is refused with the reason in view', async () => {
  const staff = await phonePage(browser);
  await signIn(staff, 'leszno', 'biuro@leszno.example');
  await staff.goto('/leszno/staff/fair');
  await staff.getByRole('link', { name: PUBLISHED_FAIR }).click();
  await staff.getByRole('link', { name: 'Układ stoisk' }).click();
  await staff.waitForURL(/\/staff\/fair\/layout\?fair=/);
  expect(await pageWidth(staff)).toBeLessThanOrEqual(390);
  expect(await seriousAxeFindings(staff)).toEqual([]);

  await staff.getByRole('link', { name: 'Nowe stoisko' }).click();
  await staff.getByLabel('Kod stoiska').fill('E1');
  await staff.getByLabel('Prąd').check();
  await staff.getByRole('button', { name: 'Dodaj stoisko' }).click();
  await expect.poll(() => staff.getByRole('status').filter({ hasText: 'Zapisano stoisko E1.' }).count()).toBe(1);
  const x = Number(await staff.getByLabel('Od lewej (m)').inputValue());
  const y = Number(await staff.getByLabel('Od góry (m)').inputValue());

  // Arrow keys move the selected stand by half a metre; the fields follow.
  const onMap = staff.locator('g[data-stand="E1"]');
  await onMap.focus();
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowDown']) await staff.keyboard.press(key);
  expect(await staff.getByLabel('Od lewej (m)').inputValue()).toBe(String(x + 1));
  expect(await staff.getByLabel('Od góry (m)').inputValue()).toBe(String(y + 0.5));
  await staff.getByRole('button', { name: 'Zapisz stoisko' }).click();
  await expect.poll(() => staff.getByRole('status').filter({ hasText: 'Zapisano stoisko E1.' }).count()).toBe(1);
  await staff.reload();
  await staff.getByRole('link', { name: 'E1', exact: true }).click();
  expect(await staff.getByLabel('Od lewej (m)').inputValue()).toBe(String(x + 1));
  expect(await staff.getByLabel('Prąd').isChecked()).toBe(true);
  expect(await seriousAxeFindings(staff)).toEqual([]);

  // A stand someone stands on cannot go: the Polish reason is shown where staff look.
  const assigned = staff.locator('.stands li').filter({ hasNotText: 'zarezerwowane' }).filter({ hasText: '·' }).first();
  await assigned.getByRole('link').click();
  staff.once('dialog', (dialog) => void dialog.accept());
  await staff.getByRole('button', { name: 'Usuń stoisko' }).click();
  const refusal = staff.getByRole('alert').filter({ hasText: 'Do tego stoiska przydzielono organizację: najpierw ją przenieś albo zwolnij stoisko.' });
  await expect.poll(() => refusal.count()).toBe(1);
  await expect.poll(() => inView(refusal)).toBe(true);
  expect(await pageWidth(staff)).toBeLessThanOrEqual(390);
  await staff.context().close();
});
