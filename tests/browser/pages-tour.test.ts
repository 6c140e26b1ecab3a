import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, browserMissing, complaintVariables, launchBrowser, newPage, screenshot, signIn, staff, startServer, type RunningServer } from './browser-harness.js';

interface Started {
  readonly id: string;
}

describe.skipIf(browserMissing !== null)('the main pages, as an admin of the community sees them', () => {
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

  it('should show login, 发起, a start form, the case list and a case with its diagram and open task', async () => {
    // given a running case
    const started = await apiAs<Started>(server, staff.admin, 'POST', '/api/instances', { processKey: 'complaint', variables: complaintVariables });
    const { context, page } = await newPage(browser);

    // when the admin signs in through the login page
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('#login-username').waitFor();
    await screenshot(page, 'login');
    await signIn(server, page, staff.admin);

    // then 发起 lists the processes the admin may start, each opening its start form
    await page.goto(`${server.baseUrl}/start`);
    await page.locator('[data-test="start-complaint"]').waitFor();
    await screenshot(page, 'start-list');
    await page.locator('[data-test="start-complaint"]').click();
    await page.locator('.fjs-form').waitFor();
    await page.locator('[data-test="on-behalf"]').click();
    await page.locator('[data-test="channel"]').waitFor();
    await screenshot(page, 'start-form');

    // and the case list and the case show status, the diagram with the active step and the open task
    await page.goto(`${server.baseUrl}/cases`);
    await page.locator('.case-row').first().waitFor();
    await screenshot(page, 'case-list');
    await page.goto(`${server.baseUrl}/cases/${started.id}`);
    await page.locator('[data-test="diagram"] .djs-element.linli-active').first().waitFor();
    expect(await page.locator('[data-test="case-status"]').textContent()).toContain('办理中');
    expect(await page.locator('.open-tasks').textContent()).toContain('受理');
    await screenshot(page, 'case-view');

    // and an unknown address gets a friendly page, not a blank one
    await page.goto(`${server.baseUrl}/no-such-page`);
    await page.getByText('页面不存在').waitFor();
    await context.close();
  });
});
