import { describe, expect, it } from 'vitest';
import type { JobData } from '../../engine/index.js';
import { RoundTripHost } from './helpers/round-trip-host.js';

const applicant = { name: '张三', phone: '13800000000' };

async function startWithWorker(): Promise<{ host: RoundTripHost; id: string; jobs: JobData[] }> {
  const host = await RoundTripHost.deploy('io-mapping.bpmn');
  const jobs: JobData[] = [];
  host.registerWorker('notify-applicant', async (job) => {
    jobs.push(job);
    return { sentAt: '2026-10-09T09:00:00+08:00', channel: 'sms' };
  });
  const id = await host.start('io_mapping', { applicant, amount: 150 });
  return { host, id, jobs };
}

describe('zeebe:ioMapping', () => {
  it('should give the worker the input mappings next to the visible variables', async () => {
    // given / when
    const { jobs } = await startWithWorker();

    // then
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.variables).toMatchObject({ name: '张三', phone: '13800000000', doubled: 300, sender: '社区服务中心', amount: 150 });
  });

  it('should set only the output mappings in the process, nested targets included', async () => {
    // given / when
    const { host, id } = await startWithWorker();

    // then: inputs and unmapped job results stay local to the task
    expect(host.variables(id)).toEqual({
      applicant,
      amount: 150,
      notice: { sentAt: '2026-10-09T09:00:00+08:00' },
      noticeText: '张三已通知',
    });
  });

  it('should apply a user task input before its assignee and map its outputs on completion', async () => {
    // given
    const { host, id } = await startWithWorker();

    // then
    expect(host.task(id, 'Task_Confirm').assignee).toBe('张三');

    // when
    await host.complete(id, 'Task_Confirm', { decision: '同意' });

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.variables(id)).toMatchObject({ approved: true });
    expect(host.variables(id)).not.toHaveProperty('decision');
    expect(host.variables(id)).not.toHaveProperty('applicantName');
  });
});
