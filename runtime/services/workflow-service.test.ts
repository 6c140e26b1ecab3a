import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, WorkflowValidationError } from './errors.js';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';
import type { CommittedEvent } from './workflow-service.js';

describe('workflow service: user-task cases', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  async function deployRepair(community: string) {
    return service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn') });
  }

  it('should run a repair request from start to end through its two user tasks', async () => {
    // given a deployed process
    const community = newCommunity();
    const deployed = await deployRepair(community);
    expect(deployed.definitions).toMatchObject([{ key: 'repair_request', name: '报修', version: 1 }]);
    const events: CommittedEvent[] = [];
    const unsubscribe = service.onCommitted((batch) => events.push(...batch));

    // when a resident starts it and the clerks complete both tasks
    const started = await service.startInstance({ community, userId: 'resident-1', processKey: 'repair_request', variables: { building: '3号楼', floor: 5 }, businessKey: 'R-001' });
    const accept = await service.queryTasks({ community, instanceId: started.id });
    expect(accept.items).toMatchObject([{ elementId: 'Task_Accept', name: '受理', candidateGroups: ['rc'], priority: 70, assignee: null, status: 'open' }]);
    const acceptTask = accept.items[0]!;
    await service.claimTask({ community, userId: 'li', taskId: acceptTask.id });
    const afterAccept = await service.completeTask({ community, userId: 'li', taskId: acceptTask.id, variables: { accepted: true } });
    expect(afterAccept.createdTasks).toMatchObject([{ elementId: 'Task_Repair', candidateGroups: ['pm'], candidateUsers: ['wang'] }]);
    const repairTask = afterAccept.createdTasks[0]!;
    const done = await service.completeTask({ community, userId: 'wang', taskId: repairTask.id, variables: { cost: 120 } });
    unsubscribe();

    // then the case is completed with every variable, and the history tells the story in order
    expect(done.instance.status).toBe('completed');
    const instance = await service.getInstance({ community, id: started.id });
    expect(instance).toMatchObject({ status: 'completed', businessKey: 'R-001', startedBy: 'resident-1', processName: '报修', activeElements: [] });
    expect(instance.variables).toEqual({ building: '3号楼', floor: 5, accepted: true, cost: 120 });
    const types = instance.history.map((h) => `${h.type}${h.elementId ? `:${h.elementId}` : ''}`);
    expect(types.indexOf('instance.started')).toBe(0);
    expect(types).toContain('task.claimed:Task_Accept');
    expect(types.indexOf('element.completed:Task_Accept')).toBeLessThan(types.indexOf('element.entered:Task_Repair'));
    expect(types[types.length - 1]).toBe('instance.completed');
    expect(instance.history.find((h) => h.type === 'task.completed' && h.elementId === 'Task_Repair')?.userId).toBe('wang');
    // and the websocket layer was told about each task and instance change after commit
    expect(events.filter((e) => e.type === 'task.created').map((e) => (e.type === 'task.created' ? e.candidateGroups : []))).toEqual([['rc'], ['pm']]);
    expect(events.filter((e) => e.type === 'task.completed')).toHaveLength(2);
  });

  it('should refuse a broken BPMN file with every problem and store nothing', async () => {
    // given a BPMN whose service task has no job type
    const community = newCommunity();
    const broken = fixture('address-check.bpmn').replace(' type="check-address"', '');

    // when it is deployed
    const attempt = service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: broken });

    // then it is refused with the element named, and no definition exists
    await expect(attempt).rejects.toBeInstanceOf(WorkflowValidationError);
    const error = await attempt.catch((e: unknown) => e);
    expect((error as WorkflowValidationError).problems.some((p) => p.elementId === 'Task_Check')).toBe(true);
    expect((await service.listDefinitions({ community })).items).toEqual([]);
  });

  it('should make a new version only when the content changes', async () => {
    // given a deployed process
    const community = newCommunity();
    await deployRepair(community);

    // when the same file is deployed again, and then a changed one
    const again = await deployRepair(community);
    const changed = await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn').replace('name="维修"', 'name="上门维修"') });

    // then the first is unchanged (version 1) and the second is version 2
    expect(again).toMatchObject({ unchanged: true, definitions: [{ version: 1 }] });
    expect(changed).toMatchObject({ unchanged: false, definitions: [{ version: 2 }] });
    const list = await service.listDefinitions({ community });
    expect(list.items).toMatchObject([{ key: 'repair_request', versionCount: 2, latest: { version: 2 } }]);
  });

  it('should answer not found for an instance of another community', async () => {
    // given a case in one community
    const community = newCommunity();
    await deployRepair(community);
    const started = await service.startInstance({ community, userId: 'u', processKey: 'repair_request' });

    // when another community asks for it
    const attempt = service.getInstance({ community: newCommunity(), id: started.id });

    // then it does not exist for them
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    { how: 'by task id alone', handOver: false },
    { how: 'each handing over the task view it read', handOver: true },
  ])('should let exactly one of two concurrent completions of a task succeed ($how)', async ({ handOver }) => {
    // given an open task
    const community = newCommunity();
    await deployRepair(community);
    const started = await service.startInstance({ community, userId: 'u', processKey: 'repair_request' });
    const task = (await service.queryTasks({ community, instanceId: started.id })).items[0]!;
    const read = handOver ? { read: task } : {};

    // when two clerks complete it at the same moment
    const results = await Promise.allSettled([
      service.completeTask({ community, userId: 'li', taskId: task.id, variables: { by: 'li' }, ...read }),
      service.completeTask({ community, userId: 'zhao', taskId: task.id, variables: { by: 'zhao' }, ...read }),
    ]);

    // then one succeeds, the other gets a 409 conflict naming who completed it, and only one next task exists
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
    expect((rejected[0]!.reason as ConflictError).status).toBe(409);
    expect((rejected[0]!.reason as ConflictError).message).toMatch(/任务已由 (li|zhao) 办理完成 \/ the task was already completed by (li|zhao)/);
    const open = await service.queryTasks({ community, instanceId: started.id });
    expect(open.items.map((t) => t.elementId)).toEqual(['Task_Repair']);
    const instance = await service.getInstance({ community, id: started.id });
    expect(instance.history.filter((h) => h.type === 'task.completed')).toHaveLength(1);
  });

  it('should complete with the task as it is now when the view the caller read has changed since', async () => {
    // given a task view read before li claimed the task
    const community = newCommunity();
    await deployRepair(community);
    const started = await service.startInstance({ community, userId: 'u', processKey: 'repair_request' });
    const read = (await service.queryTasks({ community, instanceId: started.id })).items[0]!;
    await service.claimTask({ community, userId: 'li', taskId: read.id });

    // when li completes it, handing over the older view
    const done = await service.completeTask({ community, userId: 'li', taskId: read.id, variables: { accepted: true }, read });

    // then the answer is built from the task as it was claimed, not from the older view
    expect(done.task).toMatchObject({ id: read.id, status: 'completed', assignee: 'li', completedBy: 'li', version: read.version + 2 });
  });

  it('should refuse a completion based on an outdated task version', async () => {
    // given a task that was claimed after the client loaded it
    const community = newCommunity();
    await deployRepair(community);
    const started = await service.startInstance({ community, userId: 'u', processKey: 'repair_request' });
    const seen = (await service.queryTasks({ community, instanceId: started.id })).items[0]!;
    await service.claimTask({ community, userId: 'li', taskId: seen.id });

    // when the client completes with the version it saw
    const attempt = service.completeTask({ community, userId: 'zhao', taskId: seen.id, expectedVersion: seen.version });

    // then it is a conflict and the task is still open
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect((await service.getTask({ community, taskId: seen.id })).status).toBe('open');
  });

  it('should refuse to claim a task someone else holds', async () => {
    // given a task claimed by li
    const community = newCommunity();
    await deployRepair(community);
    const started = await service.startInstance({ community, userId: 'u', processKey: 'repair_request' });
    const task = (await service.queryTasks({ community, instanceId: started.id })).items[0]!;
    await service.claimTask({ community, userId: 'li', taskId: task.id });

    // when zhao claims it
    const attempt = service.claimTask({ community, userId: 'zhao', taskId: task.id });

    // then it is a conflict; an admin may still reassign it with a reason
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    const reassigned = await service.assignTask({ community, userId: 'admin', taskId: task.id, assignee: 'zhao', reason: '李休假 / li on leave' });
    expect(reassigned.assignee).toBe('zhao');
  });
});
