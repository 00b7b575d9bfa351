import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@anchorlink/demo-data';
import { TestApp } from './test-app.js';

/**
 * The web portal (apps/portal, built by `npm run build:portal`, which `npm test` runs first) in Debian's
 * Chromium, served by the API at / against the real API and database. UPDATE_SCREENSHOTS=1 rewrites
 * docs/screenshots/. Call inside a `describe`: it registers the set-up and tear-down hooks.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : null;

export interface Portal {
  readonly t: TestApp;
  readonly browser: Browser;
  readonly base: string;
  /** A new browser (context) on the portal's home page, in `locale`, desktop-sized unless given a viewport. */
  open(locale?: string, options?: { viewport?: { width: number; height: number }; mobile?: boolean }): Promise<Page>;
  contexts: BrowserContext[];
}

export function usePortal(): Portal {
  const portal = { contexts: [] as BrowserContext[] } as Portal & { t: TestApp; browser: Browser; base: string };
  beforeAll(async () => {
    if (!existsSync(path.resolve('apps/portal/dist/index.html')))
      throw new Error('the portal is not built: run `npm run build:portal` (npm test does)');
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`);
    portal.t = await TestApp.start();
    portal.base = `http://127.0.0.1:${await portal.t.listen()}`;
    portal.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterEach(async () => {
    // What the pages showed when a test failed, for the reader of the CI log.
    for (const [i, context] of portal.contexts.entries()) {
      for (const [j, page] of context.pages().entries())
        await page
          .screenshot({ path: `tmp/portal-${expect.getState().currentTestName?.slice(0, 40)}-${i}-${j}.png` })
          .catch(() => undefined);
    }
  });
  afterAll(async () => {
    for (const context of portal.contexts) await context.close().catch(() => undefined);
    await portal.browser?.close();
    await portal.t?.close();
  });
  portal.open = async (locale = 'zh-CN', options = {}) => {
    const context = await portal.browser.newContext({
      locale,
      viewport: options.viewport ?? { width: 1360, height: 900 },
      ...(options.mobile ? { isMobile: true, hasTouch: true } : {}),
    });
    portal.contexts.push(context);
    const page = await context.newPage();
    await page.goto(portal.base + '/');
    return page;
  };
  return portal;
}

/** Signs in with a demo account's password; resolves once the shell shows (its account line, or its menu on a phone). */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('who').or(page.getByTestId('nav-menu')).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await page.waitForTimeout(600); // modals and notifications finish their animations
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
