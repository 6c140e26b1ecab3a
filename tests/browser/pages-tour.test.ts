import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { givenCommunity } from '../../runtime/identity/testing/identity-fixtures.js';
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
    // given a running case with an internal note
    const started = await apiAs<Started>(server, staff.admin, 'POST', '/api/instances', { processKey: 'complaint', variables: complaintVariables });
    await apiAs(server, staff.admin, 'POST', `/api/instances/${started.id}/comments`, { body: '已电话联系居民', visibility: 'internal' });
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
    // who started each case, by name
    expect(await page.locator(`[data-test="started-by-${started.id}"]`).textContent()).toBe(staff.admin.displayName);
    await screenshot(page, 'case-list');
    await page.goto(`${server.baseUrl}/cases/${started.id}`);
    await page.locator('[data-test="diagram"] .djs-element.linli-active').first().waitFor();
    expect(await page.locator('[data-test="case-status"]').textContent()).toContain('办理中');
    expect(await page.locator('.open-tasks').textContent()).toContain('受理');
    expect(await page.locator('[data-test="case-started-by"]').textContent()).toBe(staff.admin.displayName);
    expect(await page.locator('[data-test="internal-notes"] .note-meta').first().textContent()).toContain(staff.admin.displayName);
    await screenshot(page, 'case-view');

    // and an unknown address gets a friendly page, not a blank one
    await page.goto(`${server.baseUrl}/no-such-page`);
    await page.getByText('页面不存在').waitFor();
    await context.close();
  });

  it('should reassign a task with a reason, and switch to another community the admin also serves', async () => {
    // given an open 受理 task and an admin who also serves a second community
    await apiAs(server, staff.admin, 'POST', '/api/instances', { processKey: 'complaint', variables: complaintVariables });
    await givenCommunity(server.identity, 'xinyuan', '东明路街道 · 新苑居民区');
    await server.identity.db.transaction(async (tx) => {
      await server.identity.users.setRoles({ userId: staff.admin.userId, community: 'xinyuan', roles: ['admin'], grantedBy: 'test' }, tx);
    });
    const { context, page } = await newPage(browser);
    await signIn(server, page, staff.admin);
    await page.goto(`${server.baseUrl}/inbox?tab=claimable`);
    await page.locator('[data-test="task-row"]', { hasText: '受理' }).waitFor();

    // when the admin reassigns it to rc-li with a reason
    await page.getByRole('button', { name: '转派' }).first().click();
    await page.locator('[data-test="reassign-assignee"]').click();
    await page.getByRole('option', { name: `${staff.rc.displayName} (${staff.rc.userId})` }).click();
    await page.locator('#reassign-reason').fill('李居委负责 12 号楼，请她跟进');
    await screenshot(page, 'inbox-reassign-dialog');
    await page.locator('[data-test="reassign-submit"]').click();
    await expect.poll(() => page.locator('.el-message--success').first().textContent()).toContain(`已转派给 ${staff.rc.displayName}`);

    // then it leaves 待认领, and its history says who assigned it and why
    await page.locator('[data-test="inbox-empty"]').waitFor();
    const tasks = await apiAs<{ items: { instanceId: string; assignee: string | null }[] }>(server, staff.rc, 'GET', '/api/tasks?status=open');
    expect(tasks.items[0]?.assignee).toBe(staff.rc.userId);
    await page.goto(`${server.baseUrl}/cases/${tasks.items[0]?.instanceId ?? ''}`);
    await page.locator('[data-test="timeline"]').getByText('李居委负责 12 号楼').waitFor();
    const timeline = await page.locator('[data-test="timeline"]').textContent();
    expect(timeline).toContain(staff.admin.displayName);
    expect(timeline).not.toContain(staff.admin.userId);

    // when the admin switches to the second community
    await page.locator('[data-test="community-switcher"]').click();
    await page.getByRole('menuitem', { name: '新苑居民区' }).click();

    // then the header names it and the inbox is that community's (empty)
    await expect.poll(() => page.locator('[data-test="community-name"]').textContent()).toContain('新苑居民区');
    await page.locator('[data-test="inbox-empty"]').waitFor();
    await context.close();
  });
});
