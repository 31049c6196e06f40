import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seriousAxeFindings } from './e2e/axe.ts';
import { launchBrowser, phonePage, signIn } from './e2e/browser.ts';

/**
 * Every page of the app, as the person who uses it, on a 390×844 phone in Polish: it answers, axe
 * finds nothing serious, nothing is wider than the screen, and no English interface text shows.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** English interface texts that differ from their Polish ones: none may appear on a Polish page. */
const englishTexts = (() => {
  const read = (locale: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), 'utf8'));
  const pl = read('pl');
  const texts = (message: unknown): string[] =>
    (typeof message === 'string' ? [message] : Object.values((message as [{ match: Record<string, string> }])[0].match))
      // Placeholders split a text into the parts that are shown as they are.
      .flatMap((text) => text.split(/\{\w+\}/)).map((part) => part.trim()).filter((part) => part.length >= 12);
  const polish = new Set(Object.values(pl).flatMap(texts));
  return [...new Set(Object.entries(read('en')).filter(([key]) => key !== '$schema').flatMap(([, message]) => texts(message)))]
    .filter((text) => !polish.has(text));
})();

async function checkPage(page: Page, path: string, { status = 200, fitsPhone = true } = {}) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  const findings = await seriousAxeFindings(page);
  expect(findings, `${path}: ${JSON.stringify(findings, null, 1)}`).toEqual([]);
  if (fitsPhone) expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} is wider than the phone`).toBeLessThanOrEqual(390);
  const shown = await page.evaluate(() => document.body.innerText);
  expect(englishTexts.filter((text) => shown.includes(text)), `${path} shows English`).toEqual([]);
}

/** The first link on `from` whose address matches, to reach pages whose ids come from the data. */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link like ${pattern} on ${from}`).toBeDefined();
  return found!;
}

test('the English list is long enough to mean something', () => {
  expect(englishTexts.length).toBeGreaterThan(200);
  expect(englishTexts).toContain('Register an organisation');
});

describe('a visitor', () => {
  test.each(['/', '/leszno', '/leszno/organizations', '/leszno/open-days', '/leszno/fair', '/leszno/speed-dating', '/leszno/christmas-tree',
    '/leszno/guide', '/leszno/privacy', '/leszno/accessibility', '/leszno/sign-in', '/leszno/sign-up'])('%s', async (path) => {
    const page = await phonePage(browser);
    await checkPage(page, path);
    await page.context().close();
  });

  test('an organisation profile, a session page, the wall and a missing page', async () => {
    const page = await phonePage(browser);
    await checkPage(page, await firstLink(page, '/leszno/organizations', /^\/leszno\/organizations\/[a-z0-9-]+$/));
    await checkPage(page, await firstLink(page, '/leszno/speed-dating', /^\/leszno\/speed-dating\/[0-9a-f-]{36}$/));
    await checkPage(page, '/leszno/christmas-tree/wall', { fitsPhone: false });
    await checkPage(page, '/leszno/no-such-page', { status: 404 });
    await page.context().close();
  });
});

test('a resident', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'mieszkaniec@leszno.example');
  for (const path of ['/leszno/account', '/leszno/open-days/my-plan', '/leszno/my-organizations', '/leszno/organizations/new']) await checkPage(page, path);
  await page.context().close();
});

test('an organisation member', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'organizacja@leszno.example');
  await checkPage(page, '/leszno/my-organizations');
  await checkPage(page, await firstLink(page, '/leszno/my-organizations', /^\/leszno\/organizations\/[a-z0-9-]+\/edit$/));
  await checkPage(page, '/leszno/open-days/organizer');
  const { data } = await (await page.request.post('/graphql', { headers: { 'x-municipality': 'leszno' }, data: { query: '{ fairs { id } }' } })).json();
  await checkPage(page, `/leszno/fair/apply?fair=${data.fairs[0].id}`);
  await page.context().close();
});

test('staff', async () => {
  const page = await phonePage(browser);
  await signIn(page, 'leszno', 'biuro@leszno.example');
  for (const path of ['/leszno/staff/organizations', '/leszno/staff/open-days', '/leszno/staff/fair', '/leszno/staff/messages', '/leszno/staff/notices',
    '/leszno/christmas-tree/desk']) await checkPage(page, path);
  await checkPage(page, await firstLink(page, '/leszno/staff/fair', /\/staff\/fair\/layout\?fair=/));
  const session = await firstLink(page, '/leszno/speed-dating', /^\/leszno\/speed-dating\/[0-9a-f-]{36}$/);
  await checkPage(page, `${session}/console`);
  await checkPage(page, `${session}/cards`);
  await checkPage(page, `${session}/screen`, { fitsPhone: false });
  await page.context().close();
});
