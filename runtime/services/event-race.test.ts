import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';

describe('events racing at an event-based gateway', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  async function waitingCase(community: string, caseNo: string): Promise<string> {
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('reply-or-remind.bpmn') });
    return (await service.startInstance({ community, userId: 'rc-1', processKey: 'reply_or_remind', variables: { caseNo } })).id;
  }

  it('should take exactly one path when the reply and the timeout arrive at the same moment', async () => {
    // given a case waiting for a reply, a two-hour timeout and a signal, and the timeout due
    const community = newCommunity();
    const id = await waitingCase(community, 'C-1');
    harness.clock.advance(2 * 3_600_000);

    // when the property company's reply and the timer fire at once
    const [reply] = await Promise.all([
      service.publishMessage({ community, userId: 'pm', name: 'pm-reply', correlationKey: 'C-1', variables: { reply: '已安排' }, timeToLiveMs: 0 }),
      service.executor!.runOnce(),
    ]);

    // then one path won: one task, the other events' subscriptions and timer are gone
    const tasks = (await service.queryTasks({ community, instanceId: id })).items.map((t) => t.elementId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0] === 'Task_Review').toBe(reply.correlated);
    await service.executor!.runOnce();
    expect((await service.queryTasks({ community, instanceId: id })).items).toHaveLength(1);
    const signal = await service.broadcastSignal({ community, userId: 'street', name: 'typhoon-warning' });
    expect(signal.instanceIds).toEqual([]);
  });

  it('should reach every waiting case of the community with a broadcast signal, and no other community', async () => {
    // given two waiting cases here and one in another community
    const community = newCommunity();
    const other = newCommunity();
    const a = await waitingCase(community, 'C-2');
    const b = await waitingCase(community, 'C-3');
    await waitingCase(other, 'C-4');

    // when the sub-district broadcasts a typhoon warning to this community
    const result = await service.broadcastSignal({ community, userId: 'street', name: 'typhoon-warning' });

    // then both cases here move to flood duty, the other community's case still waits
    expect(new Set(result.instanceIds)).toEqual(new Set([a, b]));
    const duty = await service.queryTasks({ community, candidateGroup: 'vol' });
    expect(duty.items.map((t) => t.elementId)).toEqual(['Task_Duty', 'Task_Duty']);
    expect((await service.queryTasks({ community: other, candidateGroup: 'vol' })).items).toEqual([]);
  });
});
