import { describe, expect, it } from 'vitest';
import { BusinessError } from '../../../engine/index.js';
import { EventsHost } from './helpers/events-host.js';

describe('error events', () => {
  it('should catch a worker error in the innermost boundary that matches its code', async () => {
    // given
    const host = await EventsHost.deploy('error-boundaries.bpmn');
    host.registerWorker('dispatch', async () => {
      throw new BusinessError('NO_CONTRACTOR', '本周无施工单位');
    });

    // when
    const id = await host.start('error_boundaries');

    // then: the inner sub-process ends; the outer one goes on
    expect(host.openTasks(id)).toEqual(['Task_FindContractor']);
    expect(host.history(id, 'terminated')).toEqual(['Task_Dispatch', 'Sub_Inner']);
    expect(host.instance(id).incidents).toEqual([]);

    // when
    await host.complete(id, 'Task_FindContractor');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Done']);
    expect(host.count(id, 'Boundary_AnyError')).toBe(0);
  });

  it('should pass an unmatched code outward to the catch-all boundary', async () => {
    // given
    const host = await EventsHost.deploy('error-boundaries.bpmn');
    host.registerWorker('dispatch', async () => {
      throw new BusinessError('ROAD_CLOSED');
    });

    // when
    const id = await host.start('error_boundaries');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Escalate']);
    expect(host.history(id, 'terminated')).toEqual(['Task_Dispatch', 'Sub_Inner', 'Sub_Outer']);

    // when
    await host.complete(id, 'Task_Escalate');

    // then
    expect(host.status(id)).toBe('completed');
    host.expectNothingOpen(id);
  });

  it('should prefer the boundary with the error code over the catch-all on the same sub-process', async () => {
    // given
    const host = await EventsHost.deploy('error-end-event.bpmn');
    const id = await host.start('error_end_event');

    // when: the review ends in the budget error end event
    await host.complete(id, 'Task_Review', { amount: 8000 });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Reapply']);
    expect(host.count(id, 'Boundary_AnyError')).toBe(0);
    expect(host.history(id, 'completed')).toContain('Boundary_Budget');
    // the throwing end event ends with its scope, as in Zeebe
    expect(host.history(id, 'terminated')).toEqual(['Review_ErrorEnd', 'Sub_Review']);
  });

  it('should leave the sub-process normally when no error is thrown', async () => {
    // given
    const host = await EventsHost.deploy('error-end-event.bpmn');
    const id = await host.start('error_end_event');

    // when
    await host.complete(id, 'Task_Review', { amount: 800 });

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'completed')).toEqual(['Start', 'Review_Start', 'Task_Review', 'Gateway_Ok', 'Review_End', 'Sub_Review', 'End_Approved']);
  });

  it('should start the interrupting error event sub-process for its code', async () => {
    // given
    const host = await EventsHost.deploy('error-event-sub-process.bpmn');
    host.registerWorker('build', async () => {
      throw new BusinessError('NO_CONTRACTOR');
    });

    // when
    const id = await host.start('error_event_sub_process');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Tender']);
    expect(host.history(id, 'terminated')).toEqual(['Task_Build']);

    // when
    await host.complete(id, 'Task_Tender');

    // then
    expect(host.status(id)).toBe('completed');
    host.expectNothingOpen(id);
  });

  it('should raise an incident on the element that threw an error nobody catches', async () => {
    // given
    const host = await EventsHost.deploy('error-event-sub-process.bpmn');
    host.registerWorker('build', async () => {
      throw new BusinessError('OVER_BUDGET', '预算不足');
    });

    // when
    const id = await host.start('error_event_sub_process');

    // then
    expect(host.status(id)).toBe('active');
    const incidents = host.instance(id).incidents;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ elementId: 'Task_Build' });
    expect(JSON.stringify(incidents[0])).toContain('OVER_BUDGET');
    expect(host.count(id, 'EventSub_NoContractor')).toBe(0);
  });

  describe('error event sub-processes in nested scopes', () => {
    async function run(prepare: string | null, work: string | null): Promise<{ host: EventsHost; id: string }> {
      const host = await EventsHost.deploy('error-event-sub-process-scopes.bpmn');
      const thrower = (code: string | null) => async () => {
        if (code !== null) throw new BusinessError(code);
      };
      host.registerWorker('prepare', thrower(prepare));
      host.registerWorker('work', thrower(work));
      return { host, id: await host.start('error_event_sub_process_scopes') };
    }

    it('should prefer the event sub-process with the code over the catch-all in the same scope', async () => {
      // when
      const { host, id } = await run('NO_CONTRACTOR', null);

      // then
      expect(host.openTasks(id)).toEqual(['Task_Tender']);
      expect(host.count(id, 'EventSub_Any')).toBe(0);
    });

    it('should take the catch-all event sub-process for any other code', async () => {
      // when
      const { host, id } = await run('ROAD_CLOSED', null);

      // then
      expect(host.openTasks(id)).toEqual(['Task_Manual']);
      expect(host.count(id, 'EventSub_NoContractor')).toBe(0);
    });

    it('should let the innermost scope catch first, even with a catch-all, and continue after the sub-process', async () => {
      // given
      const { host, id } = await run(null, 'NO_CONTRACTOR');

      // then
      expect(host.openTasks(id)).toEqual(['Task_InnerFix']);
      expect(host.count(id, 'EventSub_NoContractor')).toBe(0);

      // when
      await host.complete(id, 'Task_InnerFix');

      // then: the interrupted sub-process completes through its event sub-process
      expect(host.openTasks(id)).toEqual(['Task_Done']);
      expect(host.count(id, 'Sub_Work', 'completed')).toBe(1);
    });
  });
});
