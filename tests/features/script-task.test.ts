import { describe, expect, it } from 'vitest';
import type { JobData } from '../../engine/index.js';
import { RoundTripHost } from './helpers/round-trip-host.js';

describe('script task', () => {
  it('should evaluate a zeebe:script expression into its result variable and run a script job through a worker', async () => {
    // given
    const host = await RoundTripHost.deploy('script-tasks.bpmn');
    const jobs: JobData[] = [];
    host.registerWorker('render-report', async (job) => {
      jobs.push(job);
      return { report: `合计 ${String(job.variables['total'])} 分` };
    });

    // when
    const id = await host.start('script_tasks', { items: [3, 4, 5] });

    // then
    expect(host.variables(id)).toEqual({ items: [3, 4, 5], total: 12, report: '合计 12 分' });
    expect(jobs.map((job) => job.elementId)).toEqual(['Script_Report']);
    expect(host.openTasks(id)).toEqual(['Task_Check']);
    expect(host.history(id, 'completed')).toEqual(['StartEvent_Submit', 'Script_Total', 'Script_Report']);

    // when
    await host.complete(id, 'Task_Check');

    // then
    expect(host.status(id)).toBe('completed');
  });

  it('should wait at a script task with a job type until its worker is there', async () => {
    // given
    const host = await RoundTripHost.deploy('script-tasks.bpmn');
    const id = await host.start('script_tasks', { items: [1] });
    expect(host.history(id, 'entered')).toEqual(['StartEvent_Submit', 'Script_Total', 'Script_Report']);
    expect(host.openTasks(id)).toEqual([]);

    // when
    host.registerWorker('render-report', async () => ({ report: 'ok' }));
    await host.runUntilIdle();

    // then
    expect(host.openTasks(id)).toEqual(['Task_Check']);
    expect(host.variables(id)).toMatchObject({ total: 1, report: 'ok' });
  });
});
