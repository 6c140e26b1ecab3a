import { describe, expect, it } from 'vitest';
import { BusinessError, type JobData } from '../../engine/index.js';
import { RoundTripHost } from './helpers/round-trip-host.js';

/** Workers that complete every job of the job-tasks process and remember what they saw. */
function workingWorkers(host: RoundTripHost, seen: JobData[]): void {
  host.registerWorker('dispatch', async (job) => {
    seen.push(job);
    return { team: '维修一班' };
  });
  host.registerWorker('notify', async (job) => {
    seen.push(job);
    return { notified: true };
  });
  host.registerWorker('rate', async (job) => {
    seen.push(job);
    return { level: job.variables['team'] === '维修一班' ? 'A' : 'B' };
  });
}

describe('service, send and business-rule tasks (jobs)', () => {
  it('should let workers complete each job with variables and reach the end', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    const seen: JobData[] = [];
    workingWorkers(host, seen);

    // when
    const id = await host.start('job_tasks', { caseNo: 'TS-001' });

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.variables(id)).toEqual({ caseNo: 'TS-001', team: '维修一班', notified: true, level: 'A' });
    expect(seen.map((job) => [job.elementId, job.type])).toEqual([
      ['Task_Dispatch', 'dispatch'],
      ['Task_Notify', 'notify'],
      ['Task_Rate', 'rate'],
    ]);
    expect(seen[1]?.variables).toMatchObject({ caseNo: 'TS-001', team: '维修一班' });
    expect(host.history(id, 'completed')).toEqual(['StartEvent_Accepted', 'Task_Dispatch', 'Task_Notify', 'Task_Rate', 'EndEvent_Done']);
  });

  it('should hand the task headers and retries to the worker', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    const seen: JobData[] = [];
    workingWorkers(host, seen);

    // when
    await host.start('job_tasks');

    // then
    expect(seen[0]?.headers).toEqual({ channel: 'sms', template: '派单通知' });
    expect(seen[0]?.retries).toBe(3);
    expect(seen[1]?.headers).toEqual({});
    expect(seen[2]?.retries).toBe(1);
  });

  it('should keep a job waiting until a worker for its type is registered, across a restore', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    const id = await host.start('job_tasks');
    expect(host.status(id)).toBe('active');
    expect(host.history(id, 'entered')).toEqual(['StartEvent_Accepted', 'Task_Dispatch']);

    // when
    workingWorkers(host, []);
    await host.runUntilIdle();

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.count(id, 'Task_Dispatch')).toBe(1);
  });

  it('should stop and resume from a JSON copy at every job wait state', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    const id = await host.start('job_tasks', { caseNo: 'TS-002' });
    const waits: string[][] = [];

    // when: each worker turns up only once its job is waiting
    for (const [type, result] of [['dispatch', { team: '维修三班' }], ['notify', { notified: true }], ['rate', { level: 'B' }]] as const) {
      waits.push(host.history(id, 'entered').slice(-1));
      host.registerWorker(type, async () => ({ ...result }));
      await host.runUntilIdle();
    }

    // then
    expect(waits).toEqual([['Task_Dispatch'], ['Task_Notify'], ['Task_Rate']]);
    expect(host.status(id)).toBe('completed');
    expect(host.variables(id)).toEqual({ caseNo: 'TS-002', team: '维修三班', notified: true, level: 'B' });
  });

  it('should retry a failed job with one retry less and complete when the worker then succeeds', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    workingWorkers(host, []);
    const retriesSeen: number[] = [];
    host.registerWorker('dispatch', async (job) => {
      retriesSeen.push(job.retries);
      if (retriesSeen.length === 1) throw new Error('派单系统超时 / dispatch system timed out');
      return { team: '维修二班' };
    });

    // when
    const id = await host.start('job_tasks');

    // then
    expect(retriesSeen).toEqual([3, 2]);
    expect(host.status(id)).toBe('completed');
    expect(host.instance(id).incidents).toEqual([]);
    expect(host.variables(id)).toMatchObject({ team: '维修二班', level: 'B' });
    expect(host.count(id, 'Task_Dispatch')).toBe(1);
  });

  it('should raise an incident on the element when the retries run out, and resume once resolved', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    workingWorkers(host, []);
    const retriesSeen: number[] = [];
    host.registerWorker('dispatch', async (job) => {
      retriesSeen.push(job.retries);
      throw new Error('派单系统不可用 / dispatch system down');
    });

    // when
    const id = await host.start('job_tasks');

    // then
    expect(retriesSeen).toEqual([3, 2, 1]);
    expect(host.status(id)).toBe('active');
    const [incident] = host.instance(id).incidents;
    expect(host.instance(id).incidents).toHaveLength(1);
    expect(incident?.elementId).toBe('Task_Dispatch');
    expect(incident?.kind).toBe('JOB_NO_RETRIES');
    expect(incident?.message).toContain('派单系统不可用');
    expect(host.history(id, 'entered')).not.toContain('Task_Notify');

    // when the worker is fixed and the incident resolved
    host.registerWorker('dispatch', async () => ({ team: '维修一班' }));
    await host.resolveIncident(incident?.id ?? '');

    // then
    expect(host.instance(id).incidents).toEqual([]);
    expect(host.status(id)).toBe('completed');
    expect(host.variables(id)).toMatchObject({ team: '维修一班', notified: true, level: 'A' });
    expect(host.count(id, 'Task_Dispatch')).toBe(1);
  });

  it('should raise an incident on a business-rule task with a single retry after one failure', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    workingWorkers(host, []);
    let calls = 0;
    host.registerWorker('rate', async () => {
      calls += 1;
      throw new Error('规则服务返回 500');
    });

    // when
    const id = await host.start('job_tasks');

    // then
    expect(calls).toBe(1);
    expect(host.instance(id).incidents.map((i) => [i.elementId, i.kind])).toEqual([['Task_Rate', 'JOB_NO_RETRIES']]);
    expect(host.variables(id)).toMatchObject({ team: '维修一班', notified: true });

    // when
    host.registerWorker('rate', async () => ({ level: 'C' }));
    await host.resolveIncident(host.instance(id).incidents[0]?.id ?? '');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.variables(id)['level']).toBe('C');
  });

  it('should raise an incident when a worker throws a BPMN error that nothing catches', async () => {
    // given
    const host = await RoundTripHost.deploy('job-tasks.bpmn');
    workingWorkers(host, []);
    host.registerWorker('dispatch', async () => {
      throw new BusinessError('NO_STAFF', '今日无人值班');
    });

    // when
    const id = await host.start('job_tasks');

    // then
    expect(host.status(id)).toBe('active');
    expect(host.instance(id).incidents.map((i) => [i.elementId, i.kind])).toEqual([['Task_Dispatch', 'UNHANDLED_ERROR']]);
    expect(host.instance(id).incidents[0]?.message).toContain('NO_STAFF');
    expect(host.history(id, 'entered')).not.toContain('Task_Notify');
  });
});
