import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';

describe('timer start events', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await createServiceHarness();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  async function startedCases(service: Awaited<ReturnType<ServiceHarness['open']>>, community: string): Promise<number> {
    return (await service.listInstances({ community, processKey: 'weekly_patrol' })).items.length;
  }

  it('should start a case at each firing of the cycle, once each, across a restart', async () => {
    // given a process started by `R2/PT1H`
    const community = newCommunity();
    let service = await harness.open();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('weekly-patrol.bpmn') });
    await service.executor!.runOnce();
    expect(await startedCases(service, community)).toBe(0);

    // when the first hour passes and the executor runs twice
    harness.clock.advance(3_600_000);
    await service.executor!.runOnce();
    await service.executor!.runOnce();

    // then one case
    expect(await startedCases(service, community)).toBe(1);

    // when the server is down through the second firing and comes back, then later still
    await service.close();
    harness.clock.advance(2 * 3_600_000);
    service = await harness.open();
    await service.executor!.runOnce();
    harness.clock.advance(5 * 3_600_000);
    await service.executor!.runOnce();

    // then the second (last) firing started exactly one more case
    expect(await startedCases(service, community)).toBe(2);
  });

  it('should replace the start timers when a new version is deployed', async () => {
    // given version 1 armed
    const community = newCommunity();
    const service = await harness.open();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('weekly-patrol.bpmn') });

    // when version 2 is deployed and the hour passes
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('weekly-patrol.bpmn').replace('name="楼道巡查"', 'name="楼道与消防通道巡查"') });
    harness.clock.advance(3_600_000);
    await service.executor!.runOnce();

    // then one case, on version 2
    const cases = (await service.listInstances({ community, processKey: 'weekly_patrol' })).items;
    expect(cases).toHaveLength(1);
    expect(cases[0]?.definitionVersion).toBe(2);
  });
});
