import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceHarness, fixture, newCommunity, type ServiceHarness } from './test-service.js';

describe('timers and messages', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await createServiceHarness();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  it('should fire a timer that fell due while the server was down exactly once on start-up', async () => {
    // given a case waiting on a one-hour timer, and the server stopped
    const community = newCommunity();
    let service = await harness.open();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('visit-reminder.bpmn') });
    const started = await service.startInstance({ community, userId: 'u', processKey: 'visit_reminder' });
    await service.executor!.runOnce();
    expect((await service.queryTasks({ community, instanceId: started.id })).items).toEqual([]);
    await service.close();

    // when two hours pass and a new server starts and its executor runs (twice)
    harness.clock.advance(2 * 3_600_000);
    service = await harness.open();
    await service.executor!.runOnce();
    await service.executor!.runOnce();

    // then the timer fired once: one visit task, one timer completion in the history
    const tasks = await service.queryTasks({ community, instanceId: started.id });
    expect(tasks.items.map((t) => t.elementId)).toEqual(['Task_Visit']);
    const instance = await service.getInstance({ community, id: started.id });
    expect(instance.history.filter((h) => h.type === 'element.completed' && h.elementId === 'Timer_Wait')).toHaveLength(1);
  });

  it('should not fire a timer before it is due', async () => {
    // given a case waiting on a one-hour timer
    const community = newCommunity();
    const service = await harness.open();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('visit-reminder.bpmn') });
    const started = await service.startInstance({ community, userId: 'u', processKey: 'visit_reminder' });

    // when 59 minutes pass
    harness.clock.advance(59 * 60_000);
    await service.executor!.runOnce();

    // then it still waits at the timer
    const instance = await service.getInstance({ community, id: started.id });
    expect(instance.activeElements.map((e) => e.elementId)).toEqual(['Timer_Wait']);
  });

  it('should correlate a published message to the waiting case and say so', async () => {
    // given a case waiting for the bank's message for its request number
    const community = newCommunity();
    const service = await harness.open();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('payment-confirmation.bpmn') });
    const started = await service.startInstance({ community, userId: 'u', processKey: 'fund_payment', variables: { requestNo: 'F-2026-7' } });

    // when a message with another key and then the right one are published
    const miss = await service.publishMessage({ community, userId: 'bank', name: 'fund-paid', correlationKey: 'F-2026-8', timeToLiveMs: 0 });
    const hit = await service.publishMessage({ community, userId: 'bank', name: 'fund-paid', correlationKey: 'F-2026-7', variables: { amount: 5000 }, messageId: 'bank-1' });
    const again = await service.publishMessage({ community, userId: 'bank', name: 'fund-paid', correlationKey: 'F-2026-7', messageId: 'bank-1' });

    // then the first reached nothing, the second reached the case, the repeat is a duplicate
    expect(miss).toMatchObject({ correlated: false, buffered: false, instanceIds: [] });
    expect(hit).toMatchObject({ correlated: true, instanceIds: [started.id], duplicate: false });
    expect(again).toMatchObject({ duplicate: true, correlated: false });
    const instance = await service.getInstance({ community, id: started.id });
    expect(instance.variables).toMatchObject({ amount: 5000 });
    expect(instance.activeElements.map((e) => e.elementId)).toEqual(['Task_Confirm']);
  });

  it('should keep a message that came early and hand it to the case that subscribes later', async () => {
    // given a message published before any case waits for it
    const community = newCommunity();
    const service = await harness.open();
    await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('payment-confirmation.bpmn') });
    const early = await service.publishMessage({ community, userId: 'bank', name: 'fund-paid', correlationKey: 'F-9', variables: { amount: 800 } });
    expect(early).toMatchObject({ correlated: false, buffered: true });

    // when the case starts and subscribes
    const started = await service.startInstance({ community, userId: 'u', processKey: 'fund_payment', variables: { requestNo: 'F-9' } });

    // then it took the buffered message in the same step
    expect(started.activeElements.map((e) => e.elementId)).toEqual(['Task_Confirm']);
    expect(started.variables).toMatchObject({ amount: 800 });
  });
});
