import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, screenshot } from '../browser/browser-harness.js';
import { clickElement, useSecretaryDesk, type DesignerServer } from './designer-server.js';

/**
 * What the modeler offers a secretary: the timer reminder in working days, only the element
 * types the engine runs, and the bpmn.io watermark the licence asks to keep visible.
 */
describe.skipIf(browserMissing !== null)('modeler offers (提醒、可用元素、水印) in the browser', () => {
  let server: DesignerServer;
  let page: Page;

  useSecretaryDesk((desk) => ({ server, page } = desk));

  async function openComplaint(): Promise<void> {
    await page.goto(`${server.baseUrl}/designer/processes/complaint`);
    await page.locator('.djs-element[data-element-id="Timer_Warning"]').first().waitFor({ state: 'attached' });
  }

  it('should keep the bpmn.io watermark visible, linking to bpmn.io', async () => {
    // when
    await openComplaint();

    // then
    const watermark = page.locator('[data-test="modeler-canvas"] .bjs-powered-by');
    expect(await watermark.isVisible()).toBe(true);
    expect(await watermark.getAttribute('href')).toContain('bpmn.io');
    const box = await watermark.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(10);
  });

  it('should write "N 个工作日后提醒" on a timer as working-day FEEL', async () => {
    // given the complaint's "临近时限" timer, whose date is hand-written FEEL
    await openComplaint();
    await clickElement(page, 'Timer_Warning');
    const days = page.locator('[data-test="panel-timer"] input');
    await days.waitFor();
    expect(await page.locator('[data-test="simple-panel"]').textContent()).toContain('个工作日后提醒');

    // when the secretary sets 3 working days
    await days.fill('3');
    await days.press('Tab');

    // then the exported model carries the FEEL for 3 working days on that timer
    const download = page.waitForEvent('download');
    await page.locator('[data-test="export"]').click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    const timer = /<bpmn:timerEventDefinition id="TimerEventDefinition_Timer_Warning">\s*<bpmn:timeDate xsi:type="bpmn:tFormalExpression">([^<]*)<\/bpmn:timeDate>/.exec(exported);
    expect(timer?.[1]).toBe('=add working days(now(), 3)');
    await screenshot(page, 'modeler-timer-reminder');
  });

  it('should offer only element types the engine runs in the palette and the replace menu', async () => {
    // given
    await openComplaint();

    // then the palette still has tasks, gateways and events
    const palette = await page.locator('.djs-palette .entry').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-action') ?? ''));
    expect(palette).toEqual(expect.arrayContaining(['create.task', 'create.exclusive-gateway', 'create.start-event', 'create.end-event']));

    // when she opens the replace menu of an exclusive gateway
    await clickElement(page, 'Gateway_Extension');
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    await page.locator('.djs-popup').waitFor();
    const offered = await page.locator('.djs-popup [data-id]').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-id') ?? ''));

    // then the parallel gateway is offered and the complex gateway (which the engine refuses) is not
    expect(offered).toContain('replace-with-parallel-gateway');
    expect(offered).not.toContain('replace-with-complex-gateway');
    await page.keyboard.press('Escape');
  });
});
