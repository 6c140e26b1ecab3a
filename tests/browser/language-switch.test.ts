import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, newPage, screenshot, signIn, staff, startServer, type RunningServer } from './browser-harness.js';

describe.skipIf(browserMissing !== null)('switching between 简体中文 and English', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server?.close();
  });

  it('should show Chinese by default, switch the whole inbox to English, and keep the choice', async () => {
    // given rc in the inbox, which speaks Chinese first (even with an English browser)
    const { context, page } = await newPage(browser, { locale: 'en-US' });
    await signIn(server, page, staff.rc);
    await page.locator('[data-test="tab-mine"]').waitFor();
    expect(await page.locator('[data-test="tab-claimable"]').textContent()).toContain('待认领');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    // when English is chosen
    await page.locator('[data-locale="en-US"]').first().click();

    // then the app, Element Plus and the document language follow
    await expect.poll(() => page.locator('[data-test="tab-claimable"]').textContent()).toContain('To claim');
    expect(await page.locator('[data-test="inbox-empty"]').textContent()).toContain('Nothing to do');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    expect(await page.locator('.top-nav').textContent()).toContain('Start');
    await screenshot(page, 'inbox-english');

    // and after a reload it is still English; switching back gives Chinese again
    await page.reload();
    await expect.poll(() => page.locator('[data-test="tab-claimable"]').textContent()).toContain('To claim');
    await page.locator('[data-locale="zh-CN"]').first().click();
    await expect.poll(() => page.locator('[data-test="tab-claimable"]').textContent()).toContain('待认领');
    await context.close();
  });
});
