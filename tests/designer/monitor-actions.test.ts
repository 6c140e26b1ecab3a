import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, screenshotDir, staff } from '../browser/browser-harness.js';
import { secretary, useSecretaryDesk, type DesignerServer } from './designer-server.js';

const community = 'demo';
const processKey = 'address_verification';
// a service task "verify-address" (retries 2) and then a user task "复核" for rc
const xml = readFileSync(path.resolve(import.meta.dirname, '../api/fixtures/address-verification.bpmn'), 'utf8');

describe.skipIf(browserMissing !== null)('monitor (运行监控) actions in the browser', () => {
  let server: DesignerServer;
  let page: Page;

  useSecretaryDesk(async (desk) => {
    ({ server, page } = desk);
    await server.service.deployDefinition({ community, userId: secretary.userId, kind: 'bpmn', content: xml });
  });

  async function start(businessKey: string, address: string): Promise<string> {
    return (await server.service.startInstance({ community, userId: secretary.userId, processKey, businessKey, variables: { address } })).id;
  }

  async function openCase(businessKey: string): Promise<void> {
    await page.locator('[data-test="instance-table"] tr', { hasText: businessKey }).click();
    await page.locator('[data-test="instance-detail"]').waitFor();
    await expect.poll(() => page.locator('[data-test="instance-detail"]').textContent()).toContain(businessKey);
  }

  async function closeDrawer(): Promise<void> {
    await page.keyboard.press('Escape');
    await page.locator('[data-test="instance-detail"]').waitFor({ state: 'hidden' });
  }

  it('should show an incident in red, filter cases, retry the incident, reassign a task and cancel a case with a reason', async () => {
    // given two cases; the first one's address check failed with no retries left
    const failing = await start('ADDR-1', '不存在的地址');
    const other = await start('ADDR-2', '东明路 1 号');
    const jobs = await server.service.activateJobs({ community, type: 'verify-address', worker: 'address-worker', maxJobs: 10, lockTimeoutMs: 60_000 });
    const job = jobs.find((candidate) => candidate.instanceId === failing);
    if (job === undefined) throw new Error('no job for the failing case');
    await server.service.failJob({ community, jobKey: job.key, worker: 'address-worker', retries: 0, errorMessage: '地址库无响应' });

    // when the secretary opens the monitor of the process
    await page.goto(`${server.baseUrl}/designer/monitor/${processKey}`);

    // then the counts and the red incident badge on the failed step show it
    await expect.poll(() => page.locator('[data-test="count-incidents"]').textContent()).toContain('1');
    await expect.poll(() => page.locator('[data-test="count-running"]').textContent()).toContain('2');
    await expect.poll(() => page.locator('.djs-overlays[data-container-id="Task_Check"] .monitor-badge.incident').textContent()).toContain('1');
    // and each case says who started it by name
    expect(await page.locator('[data-test="started-by-ADDR-1"]').textContent()).toBe(secretary.displayName);

    // when she filters by business key, and then by a variable's value
    await page.locator('input[data-test="filter-business-key"]').fill('ADDR-2');
    await page.locator('input[data-test="filter-business-key"]').press('Enter');
    await expect.poll(() => page.locator('[data-test="instance-table"] tbody tr').allTextContents()).toEqual([expect.stringContaining('ADDR-2')]);
    await page.locator('input[data-test="filter-business-key"]').fill('');
    await page.locator('input[data-test="filter-variable-name"]').fill('address');
    await page.locator('input[data-test="filter-variable-value"]').fill('不存在的地址');
    await page.locator('[data-test="apply-filters"]').click();

    // then only the matching case is listed
    await expect.poll(() => page.locator('[data-test="instance-table"] tbody tr').allTextContents()).toEqual([expect.stringContaining('ADDR-1')]);

    // when she opens it and retries the incident
    await openCase('ADDR-1');
    expect(await page.locator('[data-test="instance-detail"]').textContent()).toContain(secretary.displayName);
    await expect.poll(() => page.locator('[data-test="incident"]').textContent()).toContain('任务失败且没有剩余重试：地址库无响应');
    expect(await page.locator('[data-test="incident"]').textContent()).toContain('任务重试用尽');
    expect(await page.locator('[data-test="incident"]').textContent()).not.toContain('job failed');
    mkdirSync(screenshotDir, { recursive: true });
    // the drawer is fixed to the window, so this one is not a full-page picture
    await page.screenshot({ path: path.join(screenshotDir, 'monitor-incident.png') });
    await page.locator('[data-test="retry-incident"]').click();

    // then the incident is resolved and the job can run again; a worker completes it
    await expect.poll(() => page.locator('[data-test="incident"]').count()).toBe(0);
    expect((await server.service.listIncidents({ community, instanceId: failing, status: 'open' })).items).toEqual([]);
    const again = (await server.service.activateJobs({ community, type: 'verify-address', worker: 'address-worker', maxJobs: 10, lockTimeoutMs: 60_000 })).find((candidate) => candidate.instanceId === failing);
    if (again === undefined) throw new Error('the retried job is not available');
    await server.service.completeJob({ community, jobKey: again.key, worker: 'address-worker', variables: { verified: false } });
    await closeDrawer();

    // when she reassigns the review task of that case to a named person, with a reason
    await openCase('ADDR-1');
    await expect.poll(() => page.locator('[data-test="handlers-Task_Review"]').textContent()).toBe('居委会');
    await page.locator('[data-test="reassign-Task_Review"]').click();
    await page.locator('[data-test="reassign-assignee"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: `(${staff.rc.userId})` }).first().click();
    await page.locator('#reassign-reason').fill('原承办人休假');
    await page.locator('[data-test="reassign-submit"]').click();

    // then the task is assigned to that person
    await expect.poll(async () => (await server.service.queryTasks({ community, instanceId: failing, status: 'open' })).items[0]?.assignee).toBe(staff.rc.userId);
    await expect.poll(() => page.locator('[data-test="handlers-Task_Review"]').textContent()).toBe(staff.rc.displayName);
    // and the history names who did what by name
    expect(await page.locator('[data-test="instance-detail"] .el-timeline').textContent()).not.toContain(secretary.userId);
    await closeDrawer();

    // when she cancels the other case with a reason
    await page.locator('input[data-test="filter-variable-name"]').fill('');
    await page.locator('input[data-test="filter-variable-value"]').fill('');
    await page.locator('[data-test="apply-filters"]').click();
    await openCase('ADDR-2');
    await page.locator('[data-test="cancel-instance"]').click();
    await page.locator('.el-message-box input').fill('居民已撤回投诉');
    await page.locator('.el-message-box .el-button--primary').click();

    // then it is terminated, and the reason is in its history
    await expect.poll(async () => (await server.service.getInstance({ community, id: other })).status).toBe('terminated');
    const history = await server.service.listHistory({ community, instanceId: other, limit: 200 });
    expect(JSON.stringify(history.items)).toContain('居民已撤回投诉');
  }, 180_000);
});
