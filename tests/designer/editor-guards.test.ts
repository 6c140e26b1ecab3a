import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, newPage, screenshot } from '../browser/browser-harness.js';
import { secretary, useSecretaryDesk, type DesignerServer } from './designer-server.js';

const community = 'demo';

describe.skipIf(browserMissing !== null)('what the process and form editors refuse, in the browser', () => {
  let server: DesignerServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  useSecretaryDesk((desk) => ({ server, browser, context, page } = desk));

  it('should refuse publishing a form without a field that a published condition reads, saying which and where', async () => {
    // given the acceptance form, whose "受理意见" (acceptDecision) decides the complaint's "是否受理？" gateway
    const before = await server.service.getDefinition({ community, kind: 'form', key: 'complaint-accept' });
    await page.goto(`${server.baseUrl}/designer/forms/complaint-accept`);
    const field = page.locator('.fjs-editor-container .fjs-element[data-id="acceptDecision"]');
    await field.waitFor();

    // when the secretary removes that field and publishes
    await field.click();
    await field.locator('.fjs-context-pad-item').first().click();
    await expect.poll(() => page.locator('.fjs-editor-container .fjs-element[data-id="acceptDecision"]').count()).toBe(0);
    await page.locator('[data-test="form-publish"]').click();

    // then publishing is refused with the field and the process that uses it, in Chinese
    const refusal = page.locator('[data-test="form-refusal"]');
    await expect.poll(() => refusal.textContent()).toContain('不能删除字段：“acceptDecision”被已发布流程 complaint 的分支条件使用');
    await screenshot(page, 'form-editor-field-in-use');
    const after = await server.service.getDefinition({ community, kind: 'form', key: 'complaint-accept' });
    expect(after.version).toBe(before.version);
  }, 120_000);

  it('should refuse saving a draft over one saved in another window since, naming who saved it', async () => {
    // given the complaint process open in two windows of the secretary
    const other = await context.newPage();
    for (const window of [page, other]) {
      await window.goto(`${server.baseUrl}/designer/processes/complaint`);
      await window.locator('.djs-element[data-element-id="Task_Accept"]').first().waitFor({ state: 'attached' });
    }

    // when the second window saves a draft, and then the first one does
    await other.locator('[data-test="save-draft"]').click();
    await expect.poll(() => other.locator('[data-test="draft-stamp"]').textContent()).toContain(secretary.displayName);
    await page.locator('[data-test="save-draft"]').click();

    // then the first window is told, and the message stays until closed
    const message = page.locator('.el-message.draft-conflict');
    await expect.poll(() => message.textContent()).toMatch(/草稿 complaint 已被 赵书记 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 保存/);
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('已发布');

    // and after reopening, it saves on the current draft
    await page.reload();
    await page.locator('.djs-element[data-element-id="Task_Accept"]').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-test="draft-stamp"]').textContent()).toContain(secretary.displayName);
    await page.locator('[data-test="save-draft"]').click();
    await expect.poll(() => page.locator('.el-message--success').first().textContent()).toContain('草稿已保存');
    await other.close();

    // and the library says who saved the draft when
    await page.goto(`${server.baseUrl}/designer/processes`);
    await expect.poll(() => page.locator('[data-test="draft-stamp-complaint"]').textContent()).toMatch(/赵书记 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 保存/);
    await screenshot(page, 'library-draft-stamp');
  }, 120_000);
});
