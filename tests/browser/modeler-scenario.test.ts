import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickElement, openSecretaryDesk, secretary, type DesignerServer, type SecretaryDesk } from '../designer/designer-server.js';
import { browserMissing, complaintVariables, screenshot, screenshotDir } from './browser-harness.js';

const c92 = path.resolve(import.meta.dirname, '../../../shared/corpora/miwg/Reference/C.9.2.bpmn');
const community = 'demo';

/** The attributes of a BPMN file as `name="value"` texts, namespace declarations left out. */
function attributes(xml: string): Set<string> {
  return new Set([...xml.matchAll(/\s([\w:-]+)="([^"]*)"/g)].filter((match) => !(match[1] ?? '').startsWith('xmlns')).map((match) => `${match[1]}="${match[2]}"`));
}

describe.skipIf(browserMissing !== null)('designer (流程设计, 表单设计, 运行监控) in the browser', () => {
  let desk: SecretaryDesk;
  let server: DesignerServer;
  let page: Page;
  let untranslatedSeen: string[] = [];

  beforeAll(async () => {
    desk = await openSecretaryDesk();
    ({ server, page } = desk);
  }, 180_000);

  afterAll(async () => desk?.close());

  async function recordUntranslated(): Promise<void> {
    const seen = await page.evaluate(() => [...((globalThis as { __linliUntranslated?: Set<string> }).__linliUntranslated ?? [])]);
    untranslatedSeen = [...new Set([...untranslatedSeen, ...seen])];
  }

  it('should let a secretary add a building-leader step and a form field to the complaint process, publish, and keep older cases on their version', async () => {
    // given a complaint case started on the sub-district's version 1
    const old = await server.service.startInstance({ community, userId: 'rc-li', processKey: 'complaint', variables: complaintVariables, businessKey: 'OLD-1' });
    expect(old.definitionVersion).toBe(1);

    // when the secretary opens the community's complaint process (its copy of the template) from the library
    await page.goto(`${server.baseUrl}/designer/processes`);
    await page.locator('[data-test="edit-complaint"]').click();
    await page.waitForURL(/\/designer\/processes\/complaint$/);
    await page.locator('.djs-element[data-element-id="Task_Accept"]').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('第 1 版');

    // and makes room after the start event with the space tool, drops a task on the flow there,
    // and makes it a user task for 楼组长 with 2 working days
    const accept = await page.locator('.djs-element[data-element-id="Task_Accept"]').first().boundingBox();
    if (accept === null) throw new Error('Task_Accept not drawn');
    await page.locator('.djs-palette [data-action="space-tool"]').click();
    await page.mouse.move(accept.x - 4, accept.y + accept.height + 30);
    await page.mouse.down();
    await page.mouse.move(accept.x + 60, accept.y + accept.height + 30, { steps: 6 });
    await page.mouse.move(accept.x + 130, accept.y + accept.height + 30, { steps: 6 });
    await page.mouse.up();
    const flow = await page.locator('.djs-element[data-element-id="Flow_Start_Complaint_Task_Accept"]').first().boundingBox();
    if (flow === null) throw new Error('flow not drawn');
    const drop = { x: flow.x + flow.width / 2, y: flow.y + flow.height / 2 };
    await page.locator('.djs-palette [data-action="create.task"]').click();
    await page.mouse.move(drop.x + 60, drop.y + 60, { steps: 4 });
    await page.mouse.move(drop.x, drop.y, { steps: 8 });
    await page.mouse.click(drop.x, drop.y);
    await page.keyboard.press('Escape');
    await page.locator('[data-test="make-user-task"]').click();
    await expect.poll(() => page.locator('[data-test="problems"]').textContent()).toContain('用户任务没有办理角色');
    await page.locator('[data-test="panel-name"] input, input[data-test="panel-name"]').first().fill('楼组长核实');
    await page.locator('[data-test="panel-name"] input, input[data-test="panel-name"]').first().press('Enter');
    await page.locator('[data-test="panel-roles"]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '（bl）' }).click();
    await page.keyboard.press('Escape');
    await page.locator('[data-test="panel-due"] input, input[data-test="panel-due"]').first().fill('2');
    await page.locator('[data-test="panel-due"] input, input[data-test="panel-due"]').first().press('Tab');

    // then the panel shows the FEEL it wrote, and lint finds nothing to block publishing
    await expect.poll(() => page.locator('[data-test="simple-panel"]').textContent()).toContain('=add working days(now(), 2)');
    await expect.poll(() => page.locator('[data-test="publish"]').isDisabled()).toBe(false);
    await screenshot(page, 'modeler-simple-panel');
    await page.locator('[data-test="panel-advanced"]').click();
    await page.locator('.bio-properties-panel-group-header', { hasText: '分配' }).first().waitFor({ state: 'attached' });
    await screenshot(page, 'modeler-advanced-panel');
    await recordUntranslated();
    await page.locator('[data-test="panel-simple"]').click();
    await page.locator('[data-test="save-draft"]').click();
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('草稿');

    // when she adds a field to the acceptance form and publishes the form
    await page.goto(`${server.baseUrl}/designer/forms/complaint-accept`);
    const paletteField = page.locator('.fjs-palette-field[data-field-type="textfield"]');
    await paletteField.waitFor();
    const from = await paletteField.boundingBox();
    const to = await page.locator('.fjs-form-container .fjs-drop-container-vertical').first().boundingBox();
    if (from === null || to === null) throw new Error('form editor not drawn');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 80, from.y + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 20, { steps: 12 });
    await page.mouse.up();
    await page.locator('.bio-properties-panel-group-header', { hasText: '基本' }).first().click();
    await page.locator('#bio-properties-panel-label').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('楼组长意见');
    await page.locator('#bio-properties-panel-key').fill('blNote');
    await page.locator('#bio-properties-panel-key').press('Tab');
    await expect.poll(() => page.locator('[data-test="form-preview"]').textContent()).toContain('楼组长意见');
    await screenshot(page, 'form-editor');
    await page.locator('[data-test="form-publish"]').click();
    await expect.poll(() => page.locator('[data-test="form-status"]').textContent()).toContain('第 2 版');

    // and publishes the process
    await page.goto(`${server.baseUrl}/designer/processes/complaint`);
    await page.locator('.djs-element[data-element-id="Task_Accept"]').first().waitFor({ state: 'attached' });
    await page.locator('[data-test="publish"]').click();
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('第 2 版');
    await screenshot(page, 'modeler-published');

    // then a new case follows the new flow while the older one stays on version 1
    const fresh = await server.service.startInstance({ community, userId: 'rc-li', processKey: 'complaint', variables: complaintVariables, businessKey: 'NEW-1' });
    expect(fresh.definitionVersion).toBe(2);
    expect(fresh.activeElements.map((element) => element.elementName)).toEqual(['楼组长核实']);
    const task = (await server.service.queryTasks({ community, instanceId: fresh.id, status: 'open' })).items[0];
    expect(task?.candidateGroups).toEqual(['bl']);
    expect(task?.dueDate).not.toBeNull();
    const older = await server.service.getInstance({ community, id: old.id });
    expect(older.definitionVersion).toBe(1);
    expect(older.activeElements.map((element) => element.elementId)).toEqual(['Task_Accept']);
    const form = await server.service.getDefinition({ community, kind: 'form', key: 'complaint-accept' });
    expect(form.version).toBe(2);
    expect(form.content).toContain('blNote');

    // and the monitor shows both cases, each on its version
    await page.goto(`${server.baseUrl}/designer/monitor/complaint`);
    await expect.poll(() => page.locator('[data-test="count-running"]').textContent()).toContain('2');
    await expect.poll(() => page.locator('[data-test="instance-version-OLD-1"]').textContent()).toContain('第 1 版');
    await expect.poll(() => page.locator('[data-test="instance-version-NEW-1"]').textContent()).toContain('第 2 版');
    await expect.poll(() => page.locator('.monitor-badge.active').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'monitor-overview');
    await page.locator('[data-test="instance-table"] tr', { hasText: 'OLD-1' }).click();
    await page.locator('[data-test="instance-detail"]').waitFor();
    await expect.poll(() => page.locator('.djs-element.monitor-done').count()).toBeGreaterThan(0);
    // the drawer is fixed to the window, so this one is not a full-page picture
    await page.screenshot({ path: path.join(screenshotDir, 'monitor-case.png') });
    await page.keyboard.press('Escape');
  }, 240_000);

  // The shared corpora sit beside the checkout (CI lays them there); without them there is nothing to import.
  it.skipIf(!existsSync(c92))('should open a Camunda Modeler C.9.2 file, publish and run it, and export it without losing attributes', async () => {
    // given the MIWG reference file made with Camunda's modeler
    const original = readFileSync(c92, 'utf8');

    // when it is imported into a new process and exported again
    await page.goto(`${server.baseUrl}/designer/processes/new`);
    await page.locator('.djs-element[data-element-id="StartEvent_1"]').first().waitFor({ state: 'attached' });
    await page.locator('[data-test="import-input"]').setInputFiles(c92);
    await page.locator('.djs-element[data-element-id="StartEvent_DecideManually"]').first().waitFor({ state: 'attached' });
    const download = page.waitForEvent('download');
    await page.locator('[data-test="export"]').click();
    const exported = readFileSync(await (await download).path(), 'utf8');

    // then every attribute of the original is still there
    const kept = attributes(exported);
    expect([...attributes(original)].filter((attribute) => !kept.has(attribute))).toEqual([]);

    // and it publishes and runs
    await expect.poll(() => page.locator('[data-test="publish"]').isDisabled()).toBe(false);
    await screenshot(page, 'modeler-import-c92');
    await page.locator('[data-test="publish"]').click();
    await expect.poll(() => page.locator('[data-test="modeler-status"]').textContent()).toContain('第 1 版');
    const started = await server.service.startInstance({ community, userId: secretary.userId, processKey: 'ManualCheck', variables: { documentReferenceId: 'DOC-1', fraudSuspectedId: 'F-1' } });
    expect(started.status).toBe('active');
  }, 120_000);

  it('should block publishing an invalid model, with the Chinese reason on the element', async () => {
    // given the published complaint process with a user task whose role is taken away
    await page.goto(`${server.baseUrl}/designer/processes/complaint`);
    await page.locator('.djs-element[data-element-id="Task_Dispatch"]').first().waitFor({ state: 'attached' });
    await clickElement(page, 'Task_Dispatch');
    await page.locator('[data-test="panel-roles"] .el-tag__close').first().click();

    // then publishing is blocked and the element carries the lint message
    await expect.poll(() => page.locator('[data-test="publish"]').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('[data-test="publish-blocked"]').textContent()).toContain('还有 1 个问题');
    await expect.poll(() => page.locator('[data-test="problems"]').textContent()).toContain('用户任务没有办理角色');
    const overlay = page.locator('.djs-overlays[data-container-id="Task_Dispatch"] .bjsl-overlay');
    await overlay.hover();
    await expect.poll(() => overlay.textContent()).toContain('用户任务没有办理角色');
    await screenshot(page, 'modeler-lint-blocked');
    await recordUntranslated();

    // and no text the modeler showed in this run lacked a Chinese translation
    expect(untranslatedSeen).toEqual([]);
  }, 60_000);
});
