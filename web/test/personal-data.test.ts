import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, phonePage, signIn } from './e2e/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

// A demo resident no other browser test uses: this test deletes the account.
const EMAIL = 'mieszkaniec7@leszno.example';

test('the privacy notice and the accessibility statement are linked from every page and read in Polish and English', async () => {
  const page = await phonePage(browser);
  await page.goto('/leszno/open-days');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Deklaracja dostępności' }).click();
  await page.waitForURL('**/leszno/accessibility');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Deklaracja dostępności');
  for (const heading of ['Status pod względem zgodności z ustawą', 'Przygotowanie deklaracji dostępności', 'Informacje zwrotne i dane kontaktowe',
    'Obsługa wniosków i skarg związanych z dostępnością', 'Dostępność architektoniczna', 'Polski język migowy']) {
    expect(await page.getByRole('heading', { level: 2, name: heading }).count(), heading).toBe(1);
  }
  expect(await page.locator('#a11y-status').textContent()).toContain('częściowo zgodna');
  expect(await page.locator('#a11y-data-publikacja').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(await page.locator('#a11y-email').getAttribute('href')).toBe('mailto:dostepnosc@leszno.example');
  expect(await page.getByText('Rzecznika Praw Obywatelskich').count()).toBeGreaterThan(0);
  expect(await page.locator('meta[name="deklaracja-dostępności"]').getAttribute('content')).toMatch(/\/leszno\/accessibility$/);

  await page.getByRole('contentinfo').getByRole('link', { name: 'Ochrona danych osobowych' }).click();
  await page.waitForURL('**/leszno/privacy');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Informacja o przetwarzaniu danych osobowych');
  expect(await page.getByRole('heading', { name: 'Twoje prawa' }).count()).toBe(1);
  expect(await page.getByText(/po 36 miesiącach bez logowania/).count()).toBe(1);

  await page.getByRole('button', { name: /English/ }).click();
  await page.waitForURL('**/leszno/privacy');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Privacy notice');
  expect(await page.getByRole('heading', { name: 'Your rights' }).count()).toBe(1);
  expect(await page.getByText(/erased after 36 months without signing in/).count()).toBe(1);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
  await page.waitForURL('**/leszno/accessibility');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accessibility statement');
  expect(await page.locator('#a11y-status').textContent()).toContain('partially compliant');
  expect(await page.getByRole('heading', { level: 2, name: 'Architectural accessibility' }).count()).toBe(1);
  expect(await page.getByText('Commissioner for Human Rights').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.context().close();
});

test('a resident downloads everything stored about them, then deletes the account and is signed out', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', EMAIL);
  // On a phone the header's links are behind its menu.
  await page.locator('header.site summary').click();
  await page.getByRole('link', { name: 'Moje konto' }).click();
  await page.waitForURL('**/leszno/account');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Pobierz moje dane (JSON)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^razem-moje-dane-leszno-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(data.account).toMatchObject({ email: EMAIL, role: 'RESIDENT' });
  expect(data.openDaysBookings.length).toBeGreaterThan(0);
  expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash|token/i);

  // A wrong password is refused and the account stays.
  await page.getByLabel('Hasło (dla potwierdzenia)').fill('nie-moje-haslo');
  await page.getByLabel('Rozumiem, że konta i danych nie da się przywrócić.').check();
  await page.getByRole('button', { name: 'Usuń konto na zawsze' }).click();
  await expect.poll(() => page.locator('.field .error').first().textContent()).toBe('Nieprawidłowe hasło.');
  expect(page.url()).toMatch(/\/leszno\/account$/);

  await page.getByLabel('Hasło (dla potwierdzenia)').fill(DEMO_PASSWORD);
  await page.getByLabel('Rozumiem, że konta i danych nie da się przywrócić.').check();
  await page.getByRole('button', { name: 'Usuń konto na zawsze' }).click();
  await page.waitForURL('**/leszno/account/deleted');
  expect(await page.getByRole('status').textContent()).toContain('zostały usunięte');
  await page.locator('header.site summary').click();
  expect(await page.getByRole('link', { name: 'Zaloguj się' }).count()).toBe(1);
  expect((await page.context().cookies()).some((c) => c.name === 'razem_session')).toBe(false);

  // The email and password open nothing any more.
  await page.goto('/leszno/sign-in');
  await page.getByLabel('E-mail', { exact: true }).fill(EMAIL);
  await page.getByLabel('Hasło', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('Nieprawidłowy e-mail lub hasło.');
  await page.context().close();
});
