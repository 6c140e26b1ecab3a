import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshot } from '../browser/browser-harness.js';
import { north, northSecretary, openSecretaryDesk, type DesignerServer, type SecretaryDesk } from './designer-server.js';

describe.skipIf(browserMissing !== null)('基于模板创建 (a new community copies a template) in the browser', () => {
  let desk: SecretaryDesk;
  let server: DesignerServer;
  let page: Page;

  beforeAll(async () => {
    desk = await openSecretaryDesk({ as: northSecretary });
    ({ server, page } = desk);
  }, 180_000);

  afterAll(async () => desk?.close());

  it('should copy the complaint template into a community that has none, publish it as version 1 and list it as up to date', async () => {
    // given a community with no processes yet
    await page.goto(`${server.baseUrl}/designer/processes`);
    await expect.poll(() => page.locator('[data-test="process-complaint"]').count()).toBe(0);

    // when its secretary creates the complaint process from the sub-district's template and publishes it
    await page.locator('[data-test="from-template"]').click();
    await page.locator('[data-test="use-template-complaint"]').click();
    await page.waitForURL(/\/designer\/processes\/complaint$/);
    await page.locator('.djs-element[data-element-id="Task_Accept"]').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('草稿');
    await screenshot(page, 'library-from-template');
    await page.locator('[data-test="publish"]').click();
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('第 1 版');

    // then the community runs its own version 1, which the library lists as a copy of the template with no update
    const published = await server.service.getDefinition({ community: north.id, kind: 'bpmn', key: 'complaint' });
    expect(published).toMatchObject({ version: 1, deployedBy: northSecretary.userId });
    await page.goto(`${server.baseUrl}/designer/processes`);
    await page.locator('[data-test="process-complaint"]').waitFor();
    expect(await page.locator('[data-test="template-update"]').count()).toBe(0);
    // and its version row says who published it by name
    await page.locator('[data-test="library-table"] .el-table__expand-icon').first().click();
    await expect.poll(() => page.locator('[data-test="deployed-by-complaint-1"]').textContent()).toBe(northSecretary.displayName);
    await page.locator('[data-test="from-template"]').click();
    await expect.poll(() => page.locator('[data-test="use-template-complaint"]').count()).toBe(0);
  });
});
