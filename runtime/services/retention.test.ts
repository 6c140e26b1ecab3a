import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from './errors.js';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';

const DAY = 86_400_000;

describe('history retention', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;
  let archiveDir: string;

  beforeAll(async () => {
    harness = await createServiceHarness();
    archiveDir = mkdtempSync(join(tmpdir(), 'linli-archive-'));
    service = await harness.open({ archiveDir });
  });

  afterAll(async () => {
    await harness.dispose();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  async function finishedCase(community: string): Promise<string> {
    const started = await service.startInstance({ community, userId: 'u', processKey: 'repair_request' });
    for (let i = 0; i < 2; i++) {
      const [task] = (await service.queryTasks({ community, instanceId: started.id })).items;
      await service.completeTask({ community, userId: 'li', taskId: task!.id });
    }
    return started.id;
  }

  it('should archive to a file and remove finished cases older than the policy, and nothing else', async () => {
    // given a one-year policy, a case finished 13 months ago, one finished last month and one still open
    const community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn') });
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('address-check.bpmn') });
    const policy = await service.setRetentionPolicy({ community, userId: 'admin', processKey: 'repair_request', retainYears: 1 });
    expect(policy).toMatchObject({ retainYears: 1, updatedBy: 'admin' });
    const old = await finishedCase(community);
    await service.addComment({ community, userId: 'li', instanceId: old, visibility: 'public', body: '已修好' });
    harness.clock.advance(365 * DAY);
    const recent = await finishedCase(community);
    const open = (await service.startInstance({ community, userId: 'u', processKey: 'repair_request' })).id;
    const otherProcess = (await service.startInstance({ community, userId: 'u', processKey: 'address_check' })).id;
    await service.cancelInstance({ community, userId: 'admin', id: otherProcess, reason: '重复 / duplicate' });
    harness.clock.advance(30 * DAY);

    // when the clean-up runs
    const removed = await service.executor!.runRetention();

    // then only the old case is gone, and its archive line holds the case, its history and its reply
    expect(removed).toBe(1);
    await expect(service.getInstance({ community, id: old })).rejects.toBeInstanceOf(NotFoundError);
    for (const id of [recent, open, otherProcess]) expect((await service.getInstance({ community, id })).id).toBe(id);
    const files = readdirSync(join(archiveDir, community));
    expect(files).toHaveLength(1);
    const lines = readFileSync(join(archiveDir, community, files[0]!), 'utf8').trim().split('\n');
    const archived = JSON.parse(lines[0]!) as { instance: { id: string }; wf_history_event: unknown[]; wf_comment: { body: string }[] };
    expect(archived.instance.id).toBe(old);
    expect(archived.wf_history_event.length).toBeGreaterThan(0);
    expect(archived.wf_comment.map((c) => c.body)).toEqual(['已修好']);
    expect((await service.queryTasks({ community, instanceId: old, status: 'all' })).items).toEqual([]);
  });

  it('should refuse a retention period outside 1–100 years and list the policies', async () => {
    // given a deployed process
    const community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn') });

    // when an admin sets 0 years, then 10 years
    await expect(service.setRetentionPolicy({ community, userId: 'admin', processKey: 'repair_request', retainYears: 0 })).rejects.toBeInstanceOf(BadRequestError);
    await service.setRetentionPolicy({ community, userId: 'admin', processKey: 'repair_request', retainYears: 10 });

    // then the community's list holds the 10-year policy
    expect(await service.listRetentionPolicies({ community })).toMatchObject([{ processKey: 'repair_request', retainYears: 10 }]);
  });
});
