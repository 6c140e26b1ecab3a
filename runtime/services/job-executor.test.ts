import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from './errors.js';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';

describe('job worker API and job executor', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  async function startAddressCheck(community: string) {
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('address-check.bpmn') });
    return service.startInstance({ community, userId: 'u', processKey: 'address_check', variables: { address: '东明路 100 弄' } });
  }

  it('should give a job to only one of two workers asking at the same time', async () => {
    // given one open job
    const community = newCommunity();
    const started = await startAddressCheck(community);

    // when two workers activate jobs of its type at once
    const [first, second] = await Promise.all([
      service.activateJobs({ community, type: 'check-address', worker: 'w1', maxJobs: 10, lockTimeoutMs: 30_000 }),
      service.activateJobs({ community, type: 'check-address', worker: 'w2', maxJobs: 10, lockTimeoutMs: 30_000 }),
    ]);

    // then exactly one got it (with its variables), the other got nothing and no error
    const all = [...first, ...second];
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ instanceId: started.id, elementId: 'Task_Check', retries: 2, variables: { address: '东明路 100 弄' } });
  });

  it('should hand a job to another worker once the first worker’s lock expired', async () => {
    // given a job locked by a worker that then crashed
    const community = newCommunity();
    await startAddressCheck(community);
    const [job] = await service.activateJobs({ community, type: 'check-address', worker: 'crashed', maxJobs: 1, lockTimeoutMs: 30_000 });
    expect(await service.activateJobs({ community, type: 'check-address', worker: 'w2', maxJobs: 1, lockTimeoutMs: 30_000 })).toEqual([]);

    // when the lock expires
    harness.clock.advance(30_001);
    const retaken = await service.activateJobs({ community, type: 'check-address', worker: 'w2', maxJobs: 1, lockTimeoutMs: 30_000 });

    // then the second worker gets it and may complete it, and the case moves on
    expect(retaken.map((j) => j.key)).toEqual([job!.key]);
    await service.completeJob({ community, jobKey: job!.key, worker: 'w2', variables: { valid: true } });
    const tasks = await service.queryTasks({ community, instanceId: job!.instanceId });
    expect(tasks.items.map((t) => t.elementId)).toEqual(['Task_Review']);
  });

  it('should refuse a completion by a worker whose lock was taken over', async () => {
    // given a job re-taken by w2 after w1's lock expired
    const community = newCommunity();
    await startAddressCheck(community);
    const [job] = await service.activateJobs({ community, type: 'check-address', worker: 'w1', maxJobs: 1, lockTimeoutMs: 1_000 });
    harness.clock.advance(1_001);
    await service.activateJobs({ community, type: 'check-address', worker: 'w2', maxJobs: 1, lockTimeoutMs: 30_000 });

    // when the slow w1 completes it
    const attempt = service.completeJob({ community, jobKey: job!.key, worker: 'w1' });

    // then it is a conflict
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
  });

  it('should retry a failing job after its back-off, raise an incident when retries run out, and resume after an admin retry', async () => {
    // given a job with 2 retries
    const community = newCommunity();
    const started = await startAddressCheck(community);
    const [first] = await service.activateJobs({ community, type: 'check-address', worker: 'w', maxJobs: 1, lockTimeoutMs: 30_000 });

    // when the worker fails it with a back-off, it is not available before the back-off passes
    await service.failJob({ community, jobKey: first!.key, worker: 'w', retries: 1, errorMessage: '地址服务超时', retryBackoffMs: 5_000 });
    expect(await service.activateJobs({ community, type: 'check-address', worker: 'w', maxJobs: 1, lockTimeoutMs: 30_000 })).toEqual([]);
    harness.clock.advance(5_000);
    const [second] = await service.activateJobs({ community, type: 'check-address', worker: 'w', maxJobs: 1, lockTimeoutMs: 30_000 });
    expect(second).toMatchObject({ key: first!.key, retries: 1 });

    // and when it fails with no retries left
    await service.failJob({ community, jobKey: first!.key, worker: 'w', retries: 0, errorMessage: '地址服务不可用' });

    // then there is an open incident and no worker gets the job
    const incidents = await service.listIncidents({ community, status: 'open' });
    expect(incidents.items).toMatchObject([{ instanceId: started.id, elementId: 'Task_Check', kind: 'JOB_NO_RETRIES', jobKey: first!.key }]);
    expect(incidents.items[0]!.message).toContain('地址服务不可用');
    expect(await service.activateJobs({ community, type: 'check-address', worker: 'w', maxJobs: 1, lockTimeoutMs: 30_000 })).toEqual([]);
    expect((await service.getInstance({ community, id: started.id })).openIncidents).toBe(1);

    // when an admin retries after the fix, a worker gets the job again and completes the case's step
    const resolved = await service.retryIncident({ community, userId: 'admin', incidentId: incidents.items[0]!.id, retries: 2 });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'admin' });
    const [third] = await service.activateJobs({ community, type: 'check-address', worker: 'w', maxJobs: 1, lockTimeoutMs: 30_000 });
    expect(third).toMatchObject({ key: first!.key, retries: 2 });
    await service.completeJob({ community, jobKey: third!.key, worker: 'w' });
    const instance = await service.getInstance({ community, id: started.id });
    expect(instance.openIncidents).toBe(0);
    expect(instance.activeElements.map((e) => e.elementId)).toEqual(['Task_Review']);
  });

  it('should wake a long-polling worker when a job of its type is created', async () => {
    // given a worker waiting for jobs of a type with none available
    const community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('address-check.bpmn') });
    const waiting = service.activateJobs({ community, type: 'check-address', worker: 'w', maxJobs: 1, lockTimeoutMs: 30_000, requestTimeoutMs: 60_000 });

    // when a case creates such a job
    const started = await service.startInstance({ community, userId: 'u', processKey: 'address_check' });

    // then the waiting worker receives it
    expect((await waiting).map((j) => j.instanceId)).toEqual([started.id]);
  });

  it('should notify the role, publish the public reply and deliver the webhook once with an idempotency key', async () => {
    // given an HTTP endpoint that fails the first delivery, and a service that allows it
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = await listen((headers, body) => {
      received.push({ headers, body });
      return received.length === 1 ? 503 : 200;
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/opinions`;
    const community = newCommunity();
    const withExecutor = await harness.open({ webhookAllowList: [`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/`] });
    await withExecutor.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('notify-and-reply.bpmn').replace('http://127.0.0.1:9/hooks/opinions', url) });

    // when an opinion case starts and the executor runs its rounds
    const started = await withExecutor.startInstance({ community, userId: 'resident', processKey: 'opinion_reply', variables: { topic: '楼道堆物', phone: '13800000000' } });
    // (notify; hand the webhook to the outbox; a failing then a good delivery; public reply)
    for (let round = 0; round < 10; round++) {
      await withExecutor.executor!.runOnce();
      harness.clock.advance(1_000);
      if ((await withExecutor.getInstance({ community, id: started.id })).activeElements.some((e) => e.elementId === 'Task_Handle')) break;
    }
    server.close();

    // then the rc role has the notification with the variables filled in
    const notes = await withExecutor.listNotifications({ community, viewer: { userId: 'li', groups: ['rc'] } });
    expect(notes.items).toMatchObject([{ recipientGroup: 'rc', title: '新意见：楼道堆物', body: '楼道堆物，请及时处理', instanceId: started.id }]);
    // and the webhook got only the listed variables, twice with the same idempotency key
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1]!.body)).toEqual({ topic: '楼道堆物' });
    expect(received[0]!.headers['idempotency-key']).toBe(received[1]!.headers['idempotency-key']);
    // and the resident-visible reply exists, and the case waits at the next user task
    const replies = await withExecutor.listComments({ community, instanceId: started.id, visibility: 'public' });
    expect(replies.items.map((c) => c.body)).toEqual(['您反映的“楼道堆物”已收到，我们将尽快处理。']);
    const instance = await withExecutor.getInstance({ community, id: started.id });
    expect(instance.activeElements.map((e) => e.elementId)).toEqual(['Task_Handle']);
  });

  it('should raise an incident for a webhook to a URL that is not allow-listed, without calling it', async () => {
    // given a service with an empty allow-list
    const community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('notify-and-reply.bpmn') });
    const started = await service.startInstance({ community, userId: 'resident', processKey: 'opinion_reply', variables: { topic: '噪音' } });

    // when the executor runs
    await service.executor!.runOnce();
    await service.executor!.runOnce();

    // then the case stops at the webhook with an incident naming the URL
    const incidents = await service.listIncidents({ community, instanceId: started.id });
    expect(incidents.items).toHaveLength(1);
    expect(incidents.items[0]).toMatchObject({ elementId: 'Task_Webhook', status: 'open' });
    expect(incidents.items[0]!.message).toContain('http://127.0.0.1:9/hooks/opinions');
  });
});

function listen(answer: (headers: IncomingHttpHeaders, body: string) => number): Promise<Server> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      response.statusCode = answer(request.headers, body);
      response.end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
