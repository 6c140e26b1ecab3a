import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const notice = { voteStart: '2026-12-01', voteEnd: '2026-12-15', voteMethod: 'both', voteNotice: '关于使用专项维修资金更换 3 号楼电梯的表决公告。' };
/** 600 owners, 48,000 m² in total. */
const totals = { totalArea: 48000, totalOwners: 600 };

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('owner-vote (业主共同决定) thresholds, $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function vote(variables: JsonObject, count: JsonObject, settings?: { readonly bylaw: JsonObject }): Promise<JsonObject> {
    const id = await driver.start('owner-vote', 'oc', { voteTopic: '更换 3 号楼电梯', ...variables }, settings);
    await driver.complete('oc', id, 'Task_Notice', notice);
    await driver.advance('P16D');
    await driver.complete('rc', id, 'Task_Count', { ...totals, ...count });
    expect(await driver.status(id)).toBe('completed');
    return (await driver.variables(id))['voteResult'] as JsonObject;
  }

  it('should wait for the end of the voting period before the count', async () => {
    // given
    const id = await driver.start('owner-vote', 'oc', { voteTopic: '更换 3 号楼电梯', voteKind: 'special' });
    await driver.complete('oc', id, 'Task_Notice', notice);

    // when: 15 December 17:00, an hour before the close
    await driver.advance('P15DT8H');
    const before = await driver.tasks('oc', id);
    await driver.advance('PT1H');

    // then
    expect(before).toEqual([]);
    expect((await driver.tasks('oc', id)).map((t) => t.elementId)).toEqual(['Task_Count']);
    expect((await driver.tasks('rc', id)).map((t) => t.elementId)).toEqual(['Task_Count']);
  });

  it('should pass a special matter at exactly 2/3 participation and 3/4 consent of area and owners', async () => {
    // when
    const result = await vote({ voteKind: 'special' }, { votedArea: 32000, votedOwners: 400, approveArea: 24000, approveOwners: 300 });

    // then
    expect(result).toMatchObject({ passed: true, participationOk: true, approvalOk: true, text: '通过', participationAreaRatio: 0.6667, approvalOwnerRatio: 0.75 });
  });

  it('should fail a special matter when consent by area is just under 3/4', async () => {
    // when
    const result = await vote({ voteKind: 'special' }, { votedArea: 32000, votedOwners: 400, approveArea: 23999, approveOwners: 390 });

    // then
    expect(result).toMatchObject({ passed: false, participationOk: true, approvalOk: false, text: '未通过：同意的面积或人数不足' });
  });

  it('should fail when fewer than 2/3 of the owners take part, whatever the consent', async () => {
    // when
    const result = await vote({ voteKind: 'special' }, { votedArea: 40000, votedOwners: 399, approveArea: 40000, approveOwners: 399 });

    // then
    expect(result).toMatchObject({ passed: false, participationOk: false, text: '未通过：参与表决的面积或人数不足' });
  });

  it('should need more than half for an ordinary matter: exactly half fails, one more passes', async () => {
    // when
    const half = await vote({ voteKind: 'ordinary' }, { votedArea: 36000, votedOwners: 450, approveArea: 18000, approveOwners: 300 });
    const more = await vote({ voteKind: 'ordinary' }, { votedArea: 36000, votedOwners: 450, approveArea: 18001, approveOwners: 226 });

    // then
    expect(half['passed']).toBe(false);
    expect(more['passed']).toBe(true);
  });

  it('should take the thresholds from the community bylaw settings when given', async () => {
    // given: a bylaw that asks for 4/5 consent on special matters
    const bylaw = { specialApprovalRatio: 0.8 };

    // when
    const result = await vote({ voteKind: 'special' }, { votedArea: 32000, votedOwners: 400, approveArea: 24000, approveOwners: 300 }, { bylaw });

    // then
    expect(result['passed']).toBe(false);
  });

  it('should announce the result to residents and the three carriages', async () => {
    // when
    await vote({ voteKind: 'special' }, { votedArea: 32000, votedOwners: 400, approveArea: 30000, approveOwners: 380 });

    // then
    // (other processes of the community, such as the monthly report, may notify too)
    const announcements = (await driver.notifications()).filter((n) => n.title.startsWith('业主表决结果'));
    expect(announcements).toHaveLength(1);
    const [sent] = announcements;
    expect(sent).toMatchObject({ groups: ['resident', 'oc', 'rc', 'party'], title: '业主表决结果：更换 3 号楼电梯' });
    expect(sent?.body).toContain('表决结果：通过');
  });
});

itWalksEveryElement('owner-vote');
