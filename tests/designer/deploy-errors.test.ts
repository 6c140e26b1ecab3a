import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, screenshot } from '../browser/browser-harness.js';
import { repoRoot } from '../browser/designer-build.js';
import { useSecretaryDesk, type DesignerServer } from './designer-server.js';

const flowId = 'Flow_Gateway_Accepted_Send_Returned';

/**
 * The complaint template with a branch condition that passes the designer's lint but not the
 * server: a regular expression that can take exponential time (`(a+)+$`) is refused at deploy.
 */
function complaintWithCatastrophicPattern(): string {
  const xml = readFileSync(path.join(repoRoot, 'definitions/templates/complaint.bpmn'), 'utf8');
  const condition = '=acceptDecision = &#34;return&#34;</bpmn:conditionExpression>';
  if (!xml.includes(condition)) throw new Error('the complaint template changed: update this test');
  // a function, not a string: `$&` in a replacement string would insert the match
  return xml.replace(condition, () => '=acceptDecision = &#34;return&#34; or matches(acceptDecision, &#34;(a+)+$&#34;)</bpmn:conditionExpression>');
}

describe.skipIf(browserMissing !== null)('deploy errors from the server, shown on the element they name, in the browser', () => {
  let server: DesignerServer;
  let page: Page;

  useSecretaryDesk((desk) => ({ server, page } = desk));

  it('should put the reason the server refused a model on the flow it names, and publish nothing', async () => {
    // given a model file whose branch condition the server refuses
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'linli-deploy-error-')), 'complaint.bpmn');
    writeFileSync(file, complaintWithCatastrophicPattern());
    await page.goto(`${server.baseUrl}/designer/processes/complaint`);
    await page.locator('.djs-element[data-element-id="Task_Accept"]').first().waitFor({ state: 'attached' });
    await page.locator('[data-test="import-input"]').setInputFiles(file);
    await expect.poll(() => page.locator('[data-test="publish"]').isDisabled()).toBe(false);

    // when the secretary publishes it
    await page.locator('[data-test="publish"]').click();

    // then the problem list and the flow itself carry the server's reason, and no version was made
    await expect.poll(() => page.locator('[data-test="problems"]').textContent()).toContain('(a+)+$');
    const badge = page.locator(`.djs-overlays[data-container-id="${flowId}"] .linli-problem-badge`);
    await expect.poll(() => badge.count()).toBe(1);
    await expect.poll(() => badge.textContent()).toContain('正则表达式 (a+)+$ 不安全');
    expect(await page.locator('[data-test="problems"]').textContent()).not.toContain('the FEEL expression'); // the UI language's half only
    await screenshot(page, 'modeler-deploy-error');
    const latest = await server.service.getDefinition({ community: 'demo', kind: 'bpmn', key: 'complaint' });
    expect(latest.version).toBe(1);
  });
});
