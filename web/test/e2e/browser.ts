import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium, headless, with the flags this sandbox needs (no network, no sandbox as root). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page sized like a phone, in Polish, on Warsaw time (optionally with JavaScript off). */
export async function phonePage(browser: Browser, { javaScript = true }: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'pl-PL',
    timezoneId: 'Europe/Warsaw',
    baseURL: inject('baseUrl'),
  });
  return context.newPage();
}

export const DEMO_PASSWORD = 'razem-demo';

export async function signIn(page: Page, municipality: string, email: string) {
  await page.goto(`/${municipality}/sign-in`);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Hasło', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.waitForURL(`**/${municipality}`);
}

/** A new resident account with no bookings or sign-ups yet, signed in on this page. */
export async function signUpNewResident(page: Page, municipality: string): Promise<string> {
  const email = `nowy-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await page.goto(`/${municipality}/sign-up`);
  await page.getByLabel('Imię i nazwisko lub nazwa', { exact: true }).fill('Nowy Mieszkaniec');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Hasło', { exact: true }).fill('zielone-drzwi-otwarte-2026');
  await page.getByRole('button', { name: 'Załóż konto' }).click();
  await page.waitForURL(`**/${municipality}`);
  return email;
}
