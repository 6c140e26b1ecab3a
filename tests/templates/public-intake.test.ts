import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCENARIO_START } from './driver/in-memory-driver.js';
import { RestDriver } from './driver/rest-driver.js';
import { RestWorld } from './driver/rest-world.js';

/**
 * Residents without an account: they submit on the public intake page, staff handle the case in
 * their inboxes, and the resident follows it with the tracking code (REST only: the public
 * pages are the runtime's).
 */
describe('complaint and opinion submitted on the public page, followed with the tracking code', () => {
  let world: RestWorld;
  let driver: RestDriver;

  beforeAll(async () => {
    world = await RestWorld.open();
  });
  afterAll(async () => {
    await world.close();
  });
  beforeEach(async () => {
    driver = await RestDriver.create(world, SCENARIO_START);
  });

  it('should show the resident only the status and the public reply of a complaint, never the staff notes', async () => {
    // given
    const id = await driver.submitPublicly('complaint', {
      complainantName: '匿名居民',
      phone: '13812345678',
      building: 3,
      unit: 1,
      room: '101',
      category: 'sanitation',
      description: '3 号楼门口垃圾桶满溢三天无人清运。',
      consentPublic: true,
    });
    const submitted = await driver.track(id);

    // when
    await driver.complete('rc', id, 'Task_Accept', { acceptDecision: 'accept' });
    await driver.complete('rc', id, 'Task_Dispatch', { handlerGroup: 'pm', urgency: 'urgent' });
    await driver.complete('pm', id, 'Task_Handle', { handleNote: '保洁员王师傅请假，已调配人员，内部记录勿公开。' });
    await driver.complete('rc', id, 'Task_Reply', { replyText: '已清运 3 号楼门口垃圾，并增加每日清运一次。' });
    const replied = await driver.track(id);
    await driver.complete('vol', id, 'Task_Revisit', { satisfaction: 'satisfied' });

    // then
    expect(submitted).toMatchObject({ status: 'in-progress', replies: [] });
    expect((await driver.variables(id))['channel']).toBe('online');
    expect(replied).toMatchObject({ status: 'in-progress', replies: [expect.objectContaining({ body: '已清运 3 号楼门口垃圾，并增加每日清运一次。' })] });
    const closed = await driver.track(id);
    expect(closed).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
    expect(JSON.stringify(closed)).not.toContain('王师傅');
    expect(Object.keys(closed).sort()).toEqual(['endedAt', 'processName', 'replies', 'status', 'statusText', 'submittedAt']);
  });

  it('should tell the resident when a complaint is not accepted, and why', async () => {
    // given
    const id = await driver.submitPublicly('complaint', {
      complainantName: '匿名居民',
      phone: '13812345678',
      building: 5,
      unit: 2,
      room: '302',
      category: 'noise',
      description: '对门邻居家狗夜间吠叫。',
      consentPublic: false,
    });

    // when
    await driver.complete('rc', id, 'Task_Accept', { acceptDecision: 'return', returnReason: '属于邻里纠纷，已转人民调解' });

    // then
    expect(await driver.publicReplies(id)).toEqual(['您的投诉未予受理。原因：属于邻里纠纷，已转人民调解']);
    expect(await driver.track(id)).toMatchObject({ status: 'completed' });
  });

  it('should publish the reviewed answer to an opinion from the public page', async () => {
    // given
    const id = await driver.submitPublicly('opinion', { building: 7, subject: 'greening', content: '7 号楼前的香樟树枝遮挡二楼窗户，请修剪。', consentPublic: true });

    // when
    await driver.complete('rc', id, 'Task_Classify', { opinionType: 'request', handlerGroup: 'pm' });
    await driver.complete('pm', id, 'Task_Handle', { handleResult: '物业已安排园林工人周四修剪。', adoption: 'adopted' });
    const beforeReview = await driver.publicReplies(id);
    await driver.complete('rc', id, 'Task_Review', { reviewDecision: 'publish', replyText: '已修剪 7 号楼前香樟树，感谢您的意见。' });

    // then
    expect(beforeReview).toEqual([]);
    expect(await driver.publicReplies(id)).toEqual(['已修剪 7 号楼前香樟树，感谢您的意见。']);
    expect((await driver.tasks('vol', id)).map((t) => t.elementId)).toEqual(['Task_Revisit']);
  });
});
