import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, complaintVariables, screenshot } from '../browser/browser-harness.js';
import { secretary, useSecretaryDesk, type DesignerServer } from './designer-server.js';

const community = 'demo';

/**
 * The statistics dashboard of the signed-in app, on a real server: every chart's table speaks
 * Chinese, and the files its export links give name groups as the chart does.
 */
describe.skipIf(browserMissing !== null)('statistics dashboard (统计分析) tables and exports in the browser', () => {
  let server: DesignerServer;
  let page: Page;

  useSecretaryDesk(async (desk) => {
    ({ server, page } = desk);
    // a repair complaint waiting at 受理
    await server.service.startInstance({ community, userId: secretary.userId, processKey: 'complaint', variables: complaintVariables, businessKey: 'STATS-1' });
  });

  it('should head every chart table in Chinese, list steps by name, and export the categories as the chart names them', async () => {
    // when the secretary opens the dashboard and switches every chart with data to its table
    await page.goto(`${server.baseUrl}/stats`);
    await page.locator('[data-test="stats-chart"]').first().waitFor();
    await expect.poll(() => page.locator('[data-test="stats-chart"] canvas, [data-test="stats-chart"] svg').count()).toBeGreaterThan(0);
    const charts = page.locator('[data-test="stats-chart"]');
    for (let i = 0; i < (await charts.count()); i += 1) await charts.nth(i).locator('[data-test="table-view"]').click();

    // then each table heading is Chinese (no bare unit such as "h")
    await expect.poll(() => page.locator('[data-test="stats-chart"] .el-table th').count()).toBeGreaterThan(0);
    const headings = await page.locator('[data-test="stats-chart"] .el-table th').allTextContents();
    for (const heading of headings.map((text) => text.trim()).filter((text) => text !== '')) expect(heading, heading).toMatch(/[\u4e00-\u9fff]/);
    const stepsChart = page.locator('[data-test="stats-chart"]', { hasText: '瓶颈' });
    expect(await stepsChart.locator('.el-table th').allTextContents()).toEqual(expect.arrayContaining(['环节', '平均等待（小时）']));
    expect(await stepsChart.locator('.el-table th').allTextContents()).toContain('待办');
    expect(await stepsChart.locator('.el-table tbody tr').first().textContent()).toMatch(/^受理0—01$/);
    // and the heat overlay on the diagram gives the wait in 小时
    expect(await page.locator('.bottleneck-label').first().textContent()).toMatch(/^[\d.]+ 小时$/);
    const casesTable = page.locator('[data-test="stats-chart"]', { hasText: '受理、办结与超期' }).locator('.el-table tbody');
    expect(await casesTable.textContent()).toContain('报修');
    await screenshot(page, 'stats-dashboard-tables');

    // and the chart's CSV export names the category as the table does
    const href = await page.locator('[data-test="stats-chart"]', { hasText: '受理、办结与超期' }).locator('a.stats-download').first().getAttribute('href');
    if (href === null) throw new Error('no export link');
    const file = await page.request.get(new URL(href, server.baseUrl).toString());
    expect(file.status()).toBe(200);
    const lines = (await file.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toContain('报修');
    expect(lines.join('\n')).not.toMatch(/\brepair\b/);
  });

  it('should offer every deployed process of the community for the bottleneck view, by name, and draw the chosen one', async () => {
    // given the community's 三会 process as deployed
    const deployed = (await server.service.listDefinitions({ community, kind: 'bpmn', limit: 200 })).items;
    const threeMeetings = deployed.find((definition) => definition.key === 'three-meetings');
    if (threeMeetings?.name == null) throw new Error('three-meetings is not deployed with a name');
    const content = (await server.service.getDefinition({ community, kind: 'bpmn', key: 'three-meetings' })).content;
    const firstTask = /<bpmn:userTask id="([^"]+)"/.exec(content)?.[1];
    if (firstTask === undefined) throw new Error('three-meetings has no user task');

    // when the secretary picks it by name in the bottleneck view
    await page.goto(`${server.baseUrl}/stats`);
    await page.locator('[data-test="steps-process"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: threeMeetings.name }).first().click();

    // then its diagram is drawn there
    await page.locator(`[data-test="bottleneck-diagram"] .djs-element[data-element-id="${firstTask}"]`).first().waitFor({ state: 'attached' });
    expect(await page.locator('.el-select-dropdown__item', { hasText: threeMeetings.name }).count()).toBeGreaterThan(0);
  });
});
