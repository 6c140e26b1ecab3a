import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserMissing, demo, deployPublicComplaint, launchBrowser, newPage, screenshot, signIn, staff, startServer, tinyPhoto, type RunningServer } from './browser-harness.js';
import { chooseOption, chooseRadio, claimAndOpen, fillField, formField, humanCheckAnswer, submitTask } from './ui-steps.js';

describe.skipIf(browserMissing !== null)('a complaint from the public page to the public reply', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer({ templates: deployPublicComplaint });
  });
  afterEach(async () => {
    await server?.close();
  });

  it('should carry a resident complaint through 受理, 派单, 办理 with a photo and 答复 to the tracking page', async () => {
    // given rc watching 待认领 on a desktop
    const rcSession = await newPage(browser);
    const rcPage = rcSession.page;
    await signIn(server, rcPage, staff.rc);
    await rcPage.goto(`${server.baseUrl}/inbox?tab=claimable`);
    await rcPage.locator('[data-test="inbox-empty"]').waitFor();
    await expect.poll(() => rcPage.locator('.live-dot.on').count()).toBe(1);

    // when a resident submits a complaint on the public page from a phone
    const resident = await newPage(browser, { phone: true });
    await resident.page.goto(`${server.baseUrl}/c/${demo.id}`);
    await resident.page.locator('.fjs-form').waitFor();
    expect(await resident.page.locator('[data-test="community-name"]').textContent()).toContain('示范居民区');
    await fillField(resident.page, '投诉人姓名', '王阿姨');
    await fillField(resident.page, '联系电话', '13800138000');
    await fillField(resident.page, '楼号', '12');
    await fillField(resident.page, '单元', '3');
    await fillField(resident.page, '室号', '301');
    await chooseOption(resident.page, '类别', '设施报修');
    await fillField(resident.page, '问题描述', '12号楼3单元楼道灯坏了一个星期，晚上上下楼很不安全。');
    await chooseOption(resident.page, '渠道', '社区微信群');
    const question = (await resident.page.locator('.check-question').textContent()) ?? '';
    await resident.page.locator('#human-answer').fill(humanCheckAnswer(question));
    await screenshot(resident.page, 'phone-intake');
    await resident.page.locator('[data-test="intake-submit"]').click();

    // then the resident gets a tracking code
    await resident.page.locator('[data-test="tracking-code"], [data-test="intake-problem"]').first().waitFor({ timeout: 15_000 });
    expect(await resident.page.locator('[data-test="intake-problem"]').count(), (await resident.page.locator('[data-test="intake-problem"]').allTextContents()).join()).toBe(0);
    const code = ((await resident.page.locator('[data-test="tracking-code"]').textContent()) ?? '').trim();
    expect(code.length).toBeGreaterThan(5);
    await screenshot(resident.page, 'phone-intake-done');

    // and rc sees it appear in 待认领 without reloading
    await rcPage.locator('[data-test="task-row"]', { hasText: '受理' }).waitFor({ timeout: 15_000 });
    await screenshot(rcPage, 'inbox-desktop');

    // when rc accepts it and dispatches it to the property company
    await claimAndOpen(rcPage, server.baseUrl, '受理');
    await screenshot(rcPage, 'task-accept-desktop');
    await chooseRadio(rcPage, '受理意见', '受理');
    await submitTask(rcPage);
    await claimAndOpen(rcPage, server.baseUrl, '派单');
    await chooseOption(rcPage, '承办方', '物业服务企业');
    await chooseOption(rcPage, '办理时限', '一般');
    await submitTask(rcPage);

    // and pm handles it on a phone with a photo
    const pmSession = await newPage(browser, { phone: true });
    const pmPage = pmSession.page;
    await signIn(server, pmPage, staff.pm);
    await pmPage.goto(`${server.baseUrl}/inbox?tab=claimable`);
    await pmPage.locator('[data-test="task-row"]', { hasText: '办理' }).first().waitFor({ timeout: 15_000 });
    await screenshot(pmPage, 'phone-inbox-pm', { viewport: true });
    await claimAndOpen(pmPage, server.baseUrl, '办理');
    await fillField(pmPage, '办理情况', '已更换 12 号楼 3 单元楼道灯泡两个，现已恢复照明。');
    expect(await formField(pmPage, '办理情况').locator('textarea').inputValue()).toContain('灯泡');
    await formField(pmPage, '办理照片').locator('input[type=file]').setInputFiles(tinyPhoto);
    await screenshot(pmPage, 'phone-task-handle', { viewport: true });
    await submitTask(pmPage);

    // and rc writes the public reply
    await claimAndOpen(rcPage, server.baseUrl, '答复居民');
    expect(await rcPage.locator('[data-test="attachment-list"]').textContent()).toContain('photo.png');
    // with who uploaded it and who holds the task, by name
    expect(await rcPage.locator('[data-test="uploaded-by"]').first().textContent()).toBe(staff.pm.displayName);
    expect(await rcPage.locator('[data-test="task-assignee"]').textContent()).toBe(staff.rc.displayName);
    await fillField(rcPage, '答复内容', '王阿姨您好，物业已于今日更换楼道灯泡，感谢您的反映。');
    await screenshot(rcPage, 'task-reply-desktop');
    await submitTask(rcPage);

    // then the resident's tracking page shows the reply
    await expect
      .poll(
        async () => {
          await resident.page.goto(`${server.baseUrl}/track/${code}`);
          await resident.page.locator('[data-test="track-result"]').waitFor();
          return resident.page.locator('[data-test="track-reply"]').count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(1);
    expect(await resident.page.locator('[data-test="track-reply"]').textContent()).toContain('物业已于今日更换楼道灯泡');
    await screenshot(resident.page, 'phone-track');

    // and a volunteer on a phone finds the follow-up visit in the inbox and opens its form
    const volSession = await newPage(browser, { phone: true });
    const volPage = volSession.page;
    await signIn(server, volPage, staff.vol);
    await volPage.goto(`${server.baseUrl}/inbox?tab=claimable`);
    await volPage.locator('[data-test="task-row"]', { hasText: '回访' }).first().waitFor({ timeout: 15_000 });
    await screenshot(volPage, 'phone-inbox-volunteer', { viewport: true });
    await claimAndOpen(volPage, server.baseUrl, '回访');
    await screenshot(volPage, 'phone-task-volunteer', { viewport: true });
    await screenshot(volPage, 'phone-task-volunteer-full');

    // and can start a patrol report with the camera button on the same phone
    await volPage.goto(`${server.baseUrl}/start`);
    await volPage.locator('[data-test="start-complaint"]').click();
    await volPage.locator('.fjs-form').waitFor();
    await volPage.locator('[data-test="start-camera-input"]').setInputFiles(tinyPhoto);
    await volPage.locator('.photo').first().waitFor();
    await screenshot(volPage, 'phone-start-patrol', { viewport: true });

    await Promise.all([rcSession.context.close(), pmSession.context.close(), resident.context.close(), volSession.context.close()]);
  });
});
