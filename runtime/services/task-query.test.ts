import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError } from './errors.js';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';

describe('task queries (the inbox)', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;
  let community: string;
  const instanceIds: string[] = [];

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
    community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn') });
    // five repair requests in buildings 1–5, floors 2, 4, 6, 8, 10
    for (let n = 1; n <= 5; n++) {
      const started = await service.startInstance({ community, userId: `resident-${n}`, processKey: 'repair_request', variables: { building: `${n}号楼`, floor: 2 * n } });
      instanceIds.push(started.id);
    }
    // the first request is accepted by li, so its repair task waits for pm / wang
    const first = (await service.queryTasks({ community, instanceId: instanceIds[0]! })).items[0]!;
    await service.completeTask({ community, userId: 'li', taskId: first.id });
  });

  afterAll(async () => {
    await harness.dispose();
  });

  it('should show a person only the tasks of their roles, their own and the ones they completed', async () => {
    // when a residents' committee clerk, a property manager and a volunteer look at their inboxes
    const rc = await service.queryTasks({ community, visibleTo: { userId: 'zhao', groups: ['rc'] } });
    const pm = await service.queryTasks({ community, visibleTo: { userId: 'sun', groups: ['pm'] } });
    const vol = await service.queryTasks({ community, visibleTo: { userId: 'qian', groups: ['vol'] } });
    const li = await service.queryTasks({ community, status: 'all', visibleTo: { userId: 'li', groups: [] } });

    // then each sees exactly their share
    expect(rc.items.map((t) => t.elementId)).toEqual(['Task_Accept', 'Task_Accept', 'Task_Accept', 'Task_Accept']);
    expect(pm.items.map((t) => t.instanceId)).toEqual([instanceIds[0]]);
    expect(vol.items).toEqual([]);
    expect(li.items.map((t) => [t.elementId, t.status])).toEqual([['Task_Accept', 'completed']]);
  });

  it('should find the tasks a candidate user may claim', async () => {
    // when wang (a named candidate) asks for unassigned tasks he may claim
    const claimable = await service.queryTasks({ community, assignee: null, candidate: { userId: 'wang', groups: [] } });

    // then he gets the repair task
    expect(claimable.items.map((t) => t.elementId)).toEqual(['Task_Repair']);
  });

  it('should list overdue tasks once their due date has passed', async () => {
    // given the acceptance deadline 2026-03-05 18:00 (+08:00)
    expect((await service.queryTasks({ community, overdue: true })).items).toEqual([]);

    // when the clock passes it
    const saved = harness.clock.value;
    harness.clock.value = Date.parse('2026-03-06T09:00:00+08:00');
    const overdue = await service.queryTasks({ community, overdue: true, sort: { field: 'dueDate', order: 'asc' } });
    harness.clock.value = saved;

    // then the four open acceptance tasks are overdue, the repair task (no due date) is not
    expect(overdue.items).toHaveLength(4);
    expect(overdue.items.every((t) => t.elementId === 'Task_Accept' && t.dueDate === '2026-03-05T10:00:00.000Z')).toBe(true);
  });

  it('should filter by variable values', async () => {
    // when the clerk looks for building 3, and for floors above 5
    const building3 = await service.queryTasks({ community, variables: [{ name: 'building', op: 'eq', value: '3号楼' }] });
    const high = await service.queryTasks({ community, variables: [{ name: 'floor', op: 'gt', value: 5 }] });
    const like = await service.queryTasks({ community, variables: [{ name: 'building', op: 'like', value: '号' }] });

    // then the matching cases' tasks come back
    expect(building3.items.map((t) => t.instanceId)).toEqual([instanceIds[2]]);
    expect(new Set(high.items.map((t) => t.instanceId))).toEqual(new Set([instanceIds[2], instanceIds[3], instanceIds[4]]));
    expect(like.items).toHaveLength(5);
  });

  it('should page through tasks without gaps or repeats', async () => {
    // when the inbox is read two at a time
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await service.queryTasks({ community, limit: 2, ...(cursor ? { cursor } : {}), sort: { field: 'priority', order: 'desc' } });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);

    // then every open task appears exactly once over three pages
    const all = await service.queryTasks({ community, limit: 200 });
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(all.items.map((t) => t.id)));
  });

  it('should refuse a cursor it did not make', async () => {
    // when a client sends a made-up cursor
    const attempt = service.queryTasks({ community, cursor: 'not-a-cursor' });

    // then it is a bad request, not a crash
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
  });
});
