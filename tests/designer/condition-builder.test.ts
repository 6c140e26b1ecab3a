import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, screenshot, screenshotDir } from '../browser/browser-harness.js';
import { clickElement, useSecretaryDesk, type DesignerServer } from './designer-server.js';

const community = 'demo';
const replyFlow = 'Flow_Gateway_Extension_Task_Reply';
const extensionFlow = 'Flow_Gateway_Extension_Task_Extension';

/** The part of an SVG geometry element this test reads. */
interface SvgLine {
  getTotalLength(): number;
  getPointAtLength(distance: number): { x: number; y: number };
  getScreenCTM(): { a: number; b: number; c: number; d: number; e: number; f: number } | null;
}

/**
 * A connection's box centre may miss its line: click half-way along the line itself, after a
 * click on empty canvas closes the context pad of an earlier selection (it could lie on the line).
 */
async function clickConnection(page: Page, id: string): Promise<void> {
  const canvas = await page.locator('[data-test="modeler-canvas"]').boundingBox();
  if (canvas === null) throw new Error('canvas not drawn');
  await page.mouse.click(canvas.x + canvas.width - 40, canvas.y + 40);
  const point = await page
    .locator(`.djs-element[data-element-id="${id}"] .djs-hit`)
    .first()
    .evaluate((hit) => {
      // diagram-js draws a connection's hit area as an SVG polyline or path (the root tsconfig has no DOM types)
      const line = hit as unknown as SvgLine;
      const middle = line.getPointAtLength(line.getTotalLength() / 2);
      const matrix = line.getScreenCTM();
      if (matrix === null) throw new Error('connection not on screen');
      return { x: middle.x * matrix.a + middle.y * matrix.c + matrix.e, y: middle.x * matrix.b + middle.y * matrix.d + matrix.f };
    });
  await page.mouse.click(point.x, point.y);
}

/** Picks an option of an Element Plus select inside `scope`. */
async function choose(page: Page, select: ReturnType<Page['locator']>, option: string): Promise<void> {
  await select.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

describe.skipIf(browserMissing !== null)('condition builder (分支条件) in the browser', () => {
  let server: DesignerServer;
  let page: Page;

  useSecretaryDesk((desk) => ({ server, page } = desk));

  it('should block publishing a branch without condition or default, write the FEEL the builder shows into the XML, and publish once fixed', async () => {
    // given the complaint process, whose "申请延期？" gateway has a condition on "申请延期" and "已办结" as default
    const before = await server.service.getDefinition({ community, kind: 'bpmn', key: 'complaint' });
    await page.goto(`${server.baseUrl}/designer/processes/complaint`);
    await page.locator('.djs-element[data-element-id="Gateway_Extension"]').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-test="publish"]').isDisabled()).toBe(false);

    // when the secretary makes "申请延期" the default branch in the gateway's simple panel
    await clickElement(page, 'Gateway_Extension');
    await page.locator(`[data-test="branch-${extensionFlow}"] .el-radio`).click();

    // then "已办结" has neither condition nor default: lint names it in Chinese and publishing is blocked
    await expect.poll(() => page.locator('[data-test="problems"]').textContent()).toContain('分支没有条件：请设置条件，或把它设为默认分支');
    await expect.poll(() => page.locator('[data-test="publish"]').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('[data-test="publish-blocked"]').textContent()).toContain('还有 1 个问题');
    await expect.poll(() => page.locator(`.djs-overlays[data-container-id="${replyFlow}"] .bjsl-overlay`).count()).toBe(1);

    // when she selects that flow and builds its condition from a field of the dispatch form before the gateway
    await clickConnection(page, replyFlow);
    await expect.poll(() => page.locator('[data-test="simple-panel"] .panel-id').textContent()).toBe(replyFlow);
    const builder = page.locator(`[data-test="condition-${replyFlow}"]`);
    await builder.waitFor();
    await choose(page, builder.locator('.condition-field'), '办理时限（urgency）');
    await expect.poll(() => builder.locator('.condition-operator').textContent()).toContain('等于');
    await choose(page, builder.locator('.condition-value'), '紧急：1 个工作日');

    // then the builder shows the FEEL it wrote, lint is satisfied and publishing is allowed again
    await expect.poll(() => builder.locator('[data-test="condition-feel"]').textContent()).toBe('=urgency = "urgent"');
    await expect.poll(() => page.locator('[data-test="publish"]').isDisabled()).toBe(false);
    await expect.poll(() => page.locator('[data-test="problems"]').textContent()).toContain('没有发现问题');
    mkdirSync(screenshotDir, { recursive: true });
    await screenshot(page, 'modeler-condition-builder');

    // and the exported XML carries the condition on that flow and the new default on the gateway
    const download = page.waitForEvent('download');
    await page.locator('[data-test="export"]').click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    const flowXml = new RegExp(`<bpmn:sequenceFlow id="${replyFlow}"[^>]*>\\s*<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">([^<]*)</bpmn:conditionExpression>`).exec(exported);
    expect(flowXml?.[1]?.replaceAll('&#34;', '"').replaceAll('&quot;', '"')).toBe('=urgency = "urgent"');
    expect(exported).toMatch(new RegExp(`<bpmn:exclusiveGateway id="Gateway_Extension"[^>]*default="${extensionFlow}"`));
    expect(exported).not.toMatch(new RegExp(`<bpmn:sequenceFlow id="${extensionFlow}"[^>]*>\\s*<bpmn:conditionExpression`));

    // when she publishes
    await page.locator('[data-test="publish"]').click();

    // then the community runs a new version with that condition
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain(`第 ${before.version + 1} 版`);
    const published = await server.service.getDefinition({ community, kind: 'bpmn', key: 'complaint' });
    expect(published.version).toBe(before.version + 1);
    expect(published.content).toMatch(/=urgency = (&#34;|&quot;|")urgent(&#34;|&quot;|")/);
  }, 180_000);
});
