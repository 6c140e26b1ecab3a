import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';

describe('call activities', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  it('should run the called process as a child case and continue the parent when it ends', async () => {
    // given a major decision that calls a hearing
    const community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('major-decision.bpmn') });
    const parent = await service.startInstance({ community, userId: 'oc-1', processKey: 'major_decision', variables: { topic: '加装电梯' } });

    // then the hearing runs as its own case with the parent's variables
    const [minutes] = (await service.queryTasks({ community, processKey: 'hearing' })).items;
    expect(minutes).toMatchObject({ elementId: 'Task_Minutes', candidateGroups: ['party'] });
    expect((await service.getTask({ community, taskId: minutes!.id })).variables).toMatchObject({ topic: '加装电梯' });

    // when the minutes are recorded
    const done = await service.completeTask({ community, userId: 'party-1', taskId: minutes!.id, variables: { hearingResult: '同意' } });

    // then in the same step the hearing ended and the parent moved on with the result
    expect(done.instance.status).toBe('completed');
    expect(done.createdTasks.map((t) => [t.elementId, t.instanceId])).toEqual([['Task_Decide', parent.id]]);
    const parentNow = await service.getInstance({ community, id: parent.id });
    expect(parentNow.variables).toMatchObject({ topic: '加装电梯', hearingResult: '同意' });
    expect(parentNow.activeElements.map((e) => e.elementId)).toEqual(['Task_Decide']);
  });

  it('should cancel the child case when the parent is cancelled', async () => {
    // given a decision waiting on its hearing
    const community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('major-decision.bpmn') });
    const parent = await service.startInstance({ community, userId: 'oc-1', processKey: 'major_decision' });
    const [minutes] = (await service.queryTasks({ community, processKey: 'hearing' })).items;

    // when the parent is cancelled
    await service.cancelInstance({ community, userId: 'admin', id: parent.id, reason: '议案撤回 / proposal withdrawn' });

    // then the hearing is terminated too and its task is gone from the inbox
    const child = await service.getInstance({ community, id: minutes!.instanceId });
    expect(child.status).toBe('terminated');
    expect((await service.queryTasks({ community })).items).toEqual([]);
  });
});
