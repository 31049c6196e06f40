import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const FAIR = 'Targi Organizacji Pozarządowych – Dni Europy';
const ORGANIZATION = 'Stowarzyszenie Przyjaciół Osób Niepełnosprawnych „Razem Łatwiej”';

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
  await staff.getByRole('button', { name: 'Przydziel stoiska automatycznie' }).click();
  await expect.poll(() => staff.getByRole('status').textContent()).toContain('Spełnione życzenia');
  const row = staff.getByRole('row').filter({ hasText: ORGANIZATION });
  const stand = (await row.locator('td').nth(2).textContent())!.trim().match(/^[A-D]\d+/)?.[0];
  expect(stand).toBeDefined();
  await staff.getByRole('button', { name: 'Opublikuj plan' }).click();
  await expect.poll(() => staff.locator('h2 .tag').textContent()).toBe('Plan opublikowany');

  const visitor = await phonePage(browser);
  await visitor.goto(`/leszno/fair${fairUrl.search}`);
  await visitor.getByLabel('Gdzie jest…').fill('razem latwiej');
  await expect.poll(() => visitor.locator('.where-result').textContent()).toBe(`${ORGANIZATION}: Stoisko ${stand}`);
  expect(await visitor.locator(`g.highlight[data-stand="${stand}"]`).count()).toBe(1);
  expect(await visitor.getByRole('listitem').filter({ hasText: `${stand} ${ORGANIZATION}` }).count()).toBe(1);

  await member.context().close();
  await staff.close();
  await visitor.context().close();
});
