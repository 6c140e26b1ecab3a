import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotDir } from '../browser/browser-harness.js';
import { repoRoot } from '../browser/designer-build.js';
import { openSecretaryDesk, secretary, type DesignerServer, type SecretaryDesk } from './designer-server.js';

const community = 'demo';

/**
 * What the sub-district changes in its complaint template: the revisit step gets a new name
 * (changed), and the end event of a returned complaint is replaced by another (one removed,
 * one added, with the flow into it).
 */
function newerComplaintTemplate(xml: string): string {
  const newer = xml.replace('<bpmn:userTask id="Task_Revisit" name="回访">', '<bpmn:userTask id="Task_Revisit" name="电话回访">').replaceAll('End_Returned', 'End_ReturnedNotified').replace('name="已退回"', 'name="已退回并告知"');
  if (!newer.includes('电话回访') || !newer.includes('已退回并告知')) throw new Error('the complaint template no longer has the elements this test changes');
  return newer;
}

describe.skipIf(browserMissing !== null)('template update (模板有更新) in the browser', () => {
  let definitionsDir: string;
  let desk: SecretaryDesk;
  let server: DesignerServer;
  let page: Page;

  beforeAll(async () => {
    // the sub-district's definitions in a folder of this test, so it can publish a new template version
    definitionsDir = mkdtempSync(path.join(tmpdir(), 'linli-definitions-'));
    for (const folder of ['templates', 'forms']) cpSync(path.join(repoRoot, 'definitions', folder), path.join(definitionsDir, folder), { recursive: true });
    desk = await openSecretaryDesk({ definitionsDir });
    ({ server, page } = desk);
  }, 180_000);

  afterAll(async () => {
    await desk?.close();
    if (definitionsDir) rmSync(definitionsDir, { recursive: true, force: true });
  });

  it('should show the sub-district\'s new template version side by side, and adopt it as a draft that publishes as a new version', async () => {
    // given the community's complaint process, seeded at start-up as a copy of the template and
    // published, which the template dialog lists as in use rather than offering it again
    await page.goto(`${server.baseUrl}/designer/processes`);
    await page.locator('[data-test="process-complaint"]').waitFor();
    await page.locator('[data-test="from-template"]').click();
    await expect.poll(() => page.locator('[data-test="use-template-complaint"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    const publishedBefore = await server.service.getDefinition({ community, kind: 'bpmn', key: 'complaint' });

    // when the sub-district publishes a new version of the complaint template
    const templateFile = path.join(definitionsDir, 'templates', 'complaint.bpmn');
    writeFileSync(templateFile, newerComplaintTemplate(readFileSync(templateFile, 'utf8')));

    // then the library shows that an update exists for the community's copy
    await page.goto(`${server.baseUrl}/designer/processes`);
    const updateTag = page.locator('[data-test="library-table"] tr', { hasText: 'complaint' }).locator('[data-test="template-update"]');
    await expect.poll(() => updateTag.textContent()).toContain('有更新');

    // when the secretary opens the side-by-side diff
    await updateTag.click();
    await page.locator('[data-test="diff-template"] .djs-element[data-element-id="Task_Revisit"]').first().waitFor({ state: 'attached' });

    // then the lists name what was added, removed and changed
    await expect.poll(() => page.locator('[data-test="diff-added"]').textContent()).toContain('End_ReturnedNotified');
    const added = await page.locator('[data-test="diff-added"]').textContent();
    const removed = await page.locator('[data-test="diff-removed"]').textContent();
    const changed = await page.locator('[data-test="diff-changed"]').textContent();
    expect(added).toContain('已退回并告知');
    expect(added).toContain('新增 2 个元素'); // the end event and the flow into it
    expect(added).toContain('顺序流 Flow_Send_Returned_End_ReturnedNotified'); // an unnamed flow is listed by its type
    expect(removed).toContain('End_Returned');
    expect(removed).toContain('删除 2 个元素');
    expect(changed).toContain('电话回访');
    expect(changed).toContain('Task_Revisit');

    // and both diagrams highlight them: removed on the community's side, added on the template's
    await expect.poll(() => page.locator('[data-test="diff-current"] .djs-element.diff-removed[data-element-id="End_Returned"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-test="diff-template"] .djs-element.diff-added[data-element-id="End_ReturnedNotified"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-test="diff-current"] .djs-element.diff-changed[data-element-id="Task_Revisit"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-test="diff-template"] .djs-element.diff-changed[data-element-id="Task_Revisit"]').count()).toBe(1);
    const stroke = await page
      .locator('[data-test="diff-template"] .djs-element.diff-added[data-element-id="End_ReturnedNotified"] .djs-visual > :first-child')
      .evaluate((shape) => (globalThis as unknown as { getComputedStyle(element: unknown): { stroke: string } }).getComputedStyle(shape).stroke); // the root tsconfig has no DOM types
    expect(stroke).toBe('rgb(27, 127, 59)');
    // the dialog is fixed to the window, so this one is not a full-page picture
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'template-update-dialog.png') });

    // and she is told that adopting replaces the community's own changes in the draft
    expect(await page.locator('[data-test="adopt-replaces"]').textContent()).toContain('需要在草稿里重新加上');

    // when she adopts the update
    await page.locator('[data-test="adopt-template"]').click();

    // then the modeler opens the new template as a draft of the community's process
    await page.waitForURL(/\/designer\/processes\/complaint$/);
    await page.locator('.djs-element[data-element-id="End_ReturnedNotified"]').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('草稿');
    await expect.poll(() => page.locator('[data-test="draft-stamp"]').textContent()).toContain(secretary.displayName);
    expect(await page.locator('.djs-element[data-element-id="End_Returned"]').count()).toBe(0);

    // and publishing it makes a new version with the template's changes; the library has no update left
    await page.locator('[data-test="publish"]').click();
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain(`第 ${publishedBefore.version + 1} 版`);
    const published = await server.service.getDefinition({ community, kind: 'bpmn', key: 'complaint' });
    expect(published.version).toBe(publishedBefore.version + 1);
    expect(published.content).toContain('name="电话回访"');
    expect(published.content).toContain('id="End_ReturnedNotified"');
    await page.goto(`${server.baseUrl}/designer/processes`);
    await page.locator('[data-test="process-complaint"]').waitFor();
    expect(await page.locator('[data-test="library-table"] tr', { hasText: 'complaint' }).locator('[data-test="template-update"]').count()).toBe(0);
  }, 240_000);
});
