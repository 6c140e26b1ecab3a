import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, browserMissing, complaintVariables, launchBrowser, newPage, screenshot, signIn, staff, startServer, type RunningServer } from './browser-harness.js';
import { chooseRadio, claimAndOpen, fillField, formField } from './ui-steps.js';

interface TaskPage {
  readonly items: { id: string; name: string | null }[];
}

/** Drops every client-side rule from a form-js schema, as an out-of-date or tampered browser would. */
function withoutClientRules(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutClientRules);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'validate' && key !== 'conditional').map(([key, value]) => [key, withoutClientRules(value)]));
}

describe.skipIf(browserMissing !== null)('task view errors in the browser', () => {
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
    await apiAs(server, staff.admin, 'POST', '/api/instances', { processKey: 'complaint', variables: complaintVariables });
  });
  afterEach(async () => {
    await server?.close();
  });

  async function completeFromElsewhere(): Promise<void> {
    const tasks = await apiAs<TaskPage>(server, staff.rc, 'GET', '/api/tasks?status=open');
    const task = tasks.items.find((item) => item.name === '受理');
    if (task === undefined) throw new Error('no 受理 task');
    await apiAs(server, staff.rc, 'POST', `/api/tasks/${task.id}/complete`, { variables: { acceptDecision: 'accept' } });
  }

  it('should show the server\'s validation error beside its field', async () => {
    // given a browser whose copy of the form lost its rules, so only the server checks
    const { context, page } = await newPage(browser);
    await signIn(server, page, staff.rc);
    await page.route('**/api/tasks/*/form', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { schema: unknown };
      await route.fulfill({ response, json: { ...body, schema: withoutClientRules(body.schema) } });
    });
    await claimAndOpen(page, server.baseUrl, '受理');

    // when rc returns the complaint with a two-character reason (the form asks for at least 4)
    await chooseRadio(page, '受理意见', '不予受理，退回');
    await fillField(page, '退回原因', '不行');
    await page.locator('[data-test="submit-task"]').click();

    // then the summary says one field needs attention and the message sits under that field
    await page.locator('[data-test="problem-summary"]').waitFor();
    expect(await page.locator('[data-test="problem-summary"]').textContent()).toContain('1 处需要修改');
    const fieldError = formField(page, '退回原因').locator('.fjs-form-field-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('至少 4 个字');
    expect(page.url()).toContain('/tasks/');
    await screenshot(page, 'task-server-validation');
    await context.close();
  });

  it('should say clearly that someone else completed the task when the submit meets a 409', async () => {
    // given rc with the task open, in a browser whose live connection is down
    const { context, page } = await newPage(browser);
    await page.routeWebSocket(/\/api\/ws/, () => {});
    await signIn(server, page, staff.rc);
    await claimAndOpen(page, server.baseUrl, '受理');
    await chooseRadio(page, '受理意见', '受理');

    // when the same task is completed from elsewhere (another session) before rc submits
    await completeFromElsewhere();
    await page.locator('[data-test="submit-task"]').click();

    // then a plain message explains it, with the way back, and no error page
    const conflict = page.locator('[data-test="conflict"]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('此任务已被他人处理');
    expect(await conflict.textContent()).toContain('回到我的待办');
    expect(await conflict.textContent()).toContain('任务已由 rc-li 办理完成');
    expect(await page.locator('.fjs-form').count()).toBe(0);
    await screenshot(page, 'task-conflict');
    await context.close();
  });

  it('should tell at once, over the live connection, that the open task was completed elsewhere', async () => {
    // given rc with the task open and live updates connected
    const { context, page } = await newPage(browser);
    await signIn(server, page, staff.rc);
    await claimAndOpen(page, server.baseUrl, '受理');
    await expect.poll(() => page.locator('.live-dot.on').count()).toBe(1);

    // when it is completed from elsewhere
    await completeFromElsewhere();

    // then the page says so without any click
    await page.locator('[data-test="conflict"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-test="submit-task"]').count()).toBe(0);
    await context.close();
  });
});
