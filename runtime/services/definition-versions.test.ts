import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SqlWorkflowService } from './sql-workflow-service.js';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';

describe('definition version look-ups', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
  });
  afterAll(async () => harness.dispose());

  const deploy = (community: string, name: string) =>
    service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn').replace('name="维修"', `name="${name}"`) });

  it('should read an exact version from the database once (a deployed version never changes)', async () => {
    // given
    const community = newCommunity();
    const deployed = await deploy(community, '维修');
    const exact = { community, kind: 'bpmn' as const, key: 'repair_request', version: 1 };
    const reads = vi.spyOn(service.db, 'get');

    // when
    const first = await service.getDefinitionVersion(exact);
    const second = await service.getDefinitionVersion(exact);

    // then
    expect(first.id).toBe(deployed.definitions[0]?.id);
    expect(second).toEqual(first);
    expect(reads.mock.calls.filter(([sql]) => sql.includes('FROM wf_definition'))).toHaveLength(1);
    reads.mockRestore();
  });

  it('should always read the latest version afresh, so a new deployment is seen at once', async () => {
    // given
    const community = newCommunity();
    await deploy(community, '维修');
    const latest = { community, kind: 'bpmn' as const, key: 'repair_request' };
    expect((await service.getDefinitionVersion(latest)).version).toBe(1);

    // when
    await deploy(community, '上门维修');

    // then
    expect((await service.getDefinitionVersion(latest)).version).toBe(2);
    expect((await service.getDefinitionVersion({ ...latest, version: 1 })).version).toBe(1);
    expect((await service.getDefinitionVersion({ ...latest, version: 2 })).version).toBe(2);
  });

  it('should answer not found for a version that does not exist, and find it once deployed', async () => {
    // given
    const community = newCommunity();
    await deploy(community, '维修');
    const second = { community, kind: 'bpmn' as const, key: 'repair_request', version: 2 };
    await expect(service.getDefinitionVersion(second)).rejects.toMatchObject({ code: 'WF_NOT_FOUND' });

    // when
    await deploy(community, '上门维修');

    // then
    expect((await service.getDefinitionVersion(second)).version).toBe(2);
  });
});
