import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../../runtime/identity/testing/identity-fixtures.js';
import { hashPassword } from '../../runtime/identity/password-hasher.js';
import { apiAs, browserMissing, complaintVariables, demo, launchBrowser, newPage, screenshot, staff, startServer, type RunningServer, type StaffUser } from './browser-harness.js';

const resident: StaffUser = { userId: 'res-wang', displayName: '王阿姨', community: demo.id, roles: ['resident'] };

describe.skipIf(browserMissing !== null)('a signed-in resident looking at her own case', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    const passwordHash = await hashPassword(testPassword);
    await server.identity.db.transaction(async (tx) => {
      await server.identity.users.create({ id: resident.userId, displayName: resident.displayName, passwordHash, mustChangePassword: false }, tx);
      await server.identity.users.setRoles({ userId: resident.userId, community: resident.community, roles: resident.roles, grantedBy: 'test' }, tx);
    });
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });

  it('should name herself and call the staff who replied「工作人员」, never by their account id', async () => {
    // given her complaint with a public reply by the secretary
    const started = await apiAs<{ id: string }>(server, resident, 'POST', '/api/instances', { processKey: 'complaint', variables: complaintVariables });
    await apiAs(server, staff.admin, 'POST', `/api/instances/${started.id}/comments`, { body: '已联系物业，本周内修复', visibility: 'public' });
    const { context, page } = await newPage(browser, { phone: true });

    // when she signs in and opens the case
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('#login-username').fill(resident.userId);
    await page.locator('#login-password').fill(testPassword);
    await page.locator('[data-test="login-submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.baseUrl}/cases/${started.id}`);
    await page.locator('[data-test="latest-reply-meta"]').waitFor();
    await screenshot(page, 'resident-case');

    // then the reply is signed by「工作人员」and the case was started by her, by name
    const replyMeta = (await page.locator('[data-test="latest-reply-meta"]').textContent()) ?? '';
    expect(replyMeta).toContain('工作人员');
    expect(replyMeta).not.toContain(staff.admin.userId);
    expect(await page.locator('[data-test="case-started-by"]').textContent()).toBe(resident.displayName);
    expect(await page.locator('body').textContent()).not.toContain(staff.admin.userId);
    await context.close();
  });
});
