import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, browserMissing, screenshot } from '../browser/browser-harness.js';
import { secretary, useSecretaryDesk, type DesignerServer } from './designer-server.js';

interface BylawAnswer {
  bylaw: Record<string, number>;
  updatedBy: string | null;
}

describe.skipIf(browserMissing !== null)('规约参数 (bylaw settings) page in the browser', () => {
  let server: DesignerServer;
  let page: Page;

  useSecretaryDesk((desk) => ({ server, page } = desk));

  const input = (key: string) => page.locator(`[data-test="bylaw-input-${key}"] input`);
  const current = (key: string) => page.locator(`[data-test="bylaw-current-${key}"]`);

  it('should list every setting with its default, save a new ratio with a reason, and show a refused one on its row', async () => {
    // given the secretary opens 规约参数 from the designer's menu
    await page.goto(`${server.baseUrl}/designer/processes`);
    await page.locator('[data-test="nav-bylaw"]').click();
    await page.waitForURL(/\/designer\/bylaw/);
    await expect.poll(() => page.locator('[data-test="bylaw-table"] tbody tr').count()).toBe(7);
    expect(await page.locator('[data-test="bylaw-table"]').textContent()).toContain('《民法典》第二百七十八条');
    expect(await current('specialApprovalRatio').textContent()).toBe('采用缺省值');

    // when the special-matter ratio is raised to 0.8, with a reason
    await input('specialApprovalRatio').fill('0.8');
    await input('specialApprovalRatio').press('Tab');
    await page.locator('input[data-test="bylaw-reason"]').fill('业主大会表决通过修订管理规约');
    await page.locator('[data-test="bylaw-save"]').click();

    // then the page shows it and new cases will get it
    await expect.poll(() => current('specialApprovalRatio').textContent()).toBe('0.8');
    const lastChange = await page.locator('[data-test="bylaw-last-change"]').textContent();
    expect(lastChange).toContain(secretary.displayName);
    expect(lastChange).not.toContain(secretary.userId);
    const saved = await apiAs<BylawAnswer>(server, secretary, 'GET', '/api/bylaw');
    expect(saved.bylaw['specialApprovalRatio']).toBe(0.8);
    await screenshot(page, 'bylaw-settings');

    // when an ordinary ratio above the special one is tried
    await input('ordinaryApprovalRatio').fill('0.9');
    await input('ordinaryApprovalRatio').press('Tab');
    await page.locator('input[data-test="bylaw-reason"]').fill('试一试');
    await page.locator('[data-test="bylaw-save"]').click();

    // then the server's reason shows on that row and nothing changed
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toContain('不得高于特别事项');
    expect((await apiAs<BylawAnswer>(server, secretary, 'GET', '/api/bylaw')).bylaw['ordinaryApprovalRatio']).toBe(0.5);
  });
});
