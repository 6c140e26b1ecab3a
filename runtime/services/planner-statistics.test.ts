import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskQuerySql } from './task-query.js';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';

// PostgreSQL keeps its own statistics (autovacuum); the refresh is SQLite's.
describe.skipIf(process.env.DATABASE_URL !== undefined)('planner statistics on SQLite', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;
  let community: string;
  let instanceId = '';

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
    community = newCommunity();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn') });
    // given a community with many open tasks, one per case
    for (let n = 0; n < 300; n++) {
      instanceId = (await service.startInstance({ community, userId: `resident-${n}`, processKey: 'repair_request', variables: { building: `${n % 30}号楼` } })).id;
    }
  });

  afterAll(async () => {
    await harness.dispose();
  });

  const planOfOneCaseInbox = async (): Promise<string> => {
    const { sql, params } = taskQuerySql({ community, instanceId, visibleTo: { userId: 'zhao', groups: ['rc'] } }, Date.now(), 50);
    const rows = await service.db.all(`EXPLAIN QUERY PLAN ${sql}`, params);
    return rows.map((row) => String(row.detail)).join('\n');
  };

  it('should find one case\'s open tasks through the instance index once statistics are refreshed, not by scanning the community\'s open tasks', async () => {
    // when
    await service.db.refreshPlannerStatistics();
    // then
    const plan = await planOfOneCaseInbox();
    expect(plan).toMatch(/SEARCH t USING INDEX wf_task_instance_idx/);
    // and the query still answers the one open task of that case
    expect((await service.queryTasks({ community, instanceId, visibleTo: { userId: 'zhao', groups: ['rc'] } })).items).toHaveLength(1);
  });
});
