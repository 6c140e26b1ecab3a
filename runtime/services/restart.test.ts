import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';

describe('restart', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await createServiceHarness();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  it('should finish a case on a new server after the old one stopped at each wait state', async () => {
    // given a case started on a first server
    const community = newCommunity();
    let service = await harness.open();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('address-check.bpmn') });
    const started = await service.startInstance({ community, userId: 'u', processKey: 'address_check', variables: { address: '东明路 1 号' } });

    // when the server stops at the job, a new one opens on the same database and a worker does the job
    await service.close();
    service = await harness.open();
    const [job] = await service.activateJobs({ community, type: 'check-address', worker: 'w', maxJobs: 1, lockTimeoutMs: 30_000 });
    expect(job?.variables).toEqual({ address: '东明路 1 号' });
    await service.completeJob({ community, jobKey: job!.key, worker: 'w', variables: { valid: true } });

    // and it stops again at the user task, and a third server completes it
    await service.close();
    service = await harness.open();
    const [task] = (await service.queryTasks({ community, instanceId: started.id })).items;
    await service.completeTask({ community, userId: 'li', taskId: task!.id });

    // then the case is complete with every variable and one history entry per step
    const instance = await service.getInstance({ community, id: started.id });
    expect(instance.status).toBe('completed');
    expect(instance.variables).toEqual({ address: '东明路 1 号', valid: true });
    expect(instance.history.filter((h) => h.type === 'element.entered' && h.elementId === 'Task_Check')).toHaveLength(1);
    expect(instance.history.filter((h) => h.type === 'element.entered' && h.elementId === 'Task_Review')).toHaveLength(1);
  });
});
