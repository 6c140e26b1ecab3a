import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, browserMissing, complaintVariables, launchBrowser, newPage, screenshot, signIn, staff, startServer, type RunningServer } from './browser-harness.js';

const rc = staff.rc;

describe.skipIf(browserMissing !== null)('inbox (我的待办) in the browser', () => {
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

  it('should show a new complaint in 待认领 without a reload, and move it to 我的待办 when claimed', async () => {
    // given rc looking at the empty 待认领 tab
    const { context, page } = await newPage(browser);
    await signIn(server, page, rc);
    const started = Date.now();
    await page.goto(`${server.baseUrl}/inbox?tab=claimable`);
    await page.locator('[data-test="inbox-empty"]').waitFor();
    const firstLoadMs = Date.now() - started;
    const measured = await page.locator('.inbox-page').getAttribute('data-first-load-ms');
    const domReady = await page.evaluate('Math.round(performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? 0)');
    console.info(`[measure] inbox first load: ${firstLoadMs} ms from navigation (in the page: scripts ready ${String(domReady)} ms, tasks shown ${measured ?? '?'} ms after navigation start)`);
    await expect.poll(() => page.locator('.live-dot.on').count()).toBe(1);

    // when a complaint is started elsewhere
    await apiAs(server, staff.admin, 'POST', '/api/instances', { processKey: 'complaint', variables: complaintVariables });

    // then it appears live with its count badge, due as working days left
    const row = page.locator('[data-test="task-row"]', { hasText: '受理' });
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-test="count-claimable"]').textContent()).toContain('1');
    // with the case's own data as columns (from the process's start form): building, unit, category
    await expect.poll(() => page.locator('.task-table').textContent()).toContain('设施报修');
    expect(await page.locator('.task-table thead').textContent()).toContain('楼号');
    expect(await page.locator('[data-test="due-label"]').first().textContent()).toMatch(/剩 \d+ 个工作日|今天到期/);
    await screenshot(page, 'inbox-claimable-desktop');

    // when rc claims it
    await page.locator('[data-test="claim"]').first().click();

    // then it leaves 待认领 and is in 我的待办
    await page.locator('[data-test="inbox-empty"]').waitFor();
    await page.locator('[data-test="tab-mine"]').click();
    await page.locator('[data-test="task-row"]', { hasText: '受理' }).waitFor();
    // held by rc, by name
    await expect.poll(() => page.locator('[data-test="task-assignee"]').first().textContent()).toBe(rc.displayName);
    await screenshot(page, 'inbox-mine-desktop');

    // and the keyboard alone opens it: Tab reaches the task, Enter opens the task view
    await page.locator('[data-test="tab-mine"]').focus();
    for (let presses = 0; presses < 30; presses++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement?.dataset?.test ?? ""')) === 'task-row') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tasks\//);
    await page.locator('[data-test="submit-task"]').waitFor();
    // and the task view names its assignee
    expect(await page.locator('[data-test="task-assignee"]').textContent()).toBe(rc.displayName);
    await context.close();
  });
});
