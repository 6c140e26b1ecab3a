import { describe, expect, it } from 'vitest';
import { BusinessError } from '../../../engine/index.js';
import { EventsHost } from './helpers/events-host.js';

const REPS = ['张阿姨', '李师傅', '王老师'];

describe('multi-instance', () => {
  describe('user task', () => {
    it('should open one task per element in parallel and collect the outputs in input order', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-user-task.bpmn');
      const id = await host.start('multi_instance_user_task', { reps: REPS, mode: 'parallel' });
      const tasks = host.engine.userTasks({ instanceId: id, elementId: 'Task_ScoreParallel' });
      expect(tasks.map((t) => t.assignee)).toEqual(REPS);

      // when: completed in reverse order
      for (const [task, score] of [...tasks].reverse().map((t, i) => [t, 7 + i] as const)) await host.completeById(task.elementInstanceId, { score });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Summary']);
      expect(host.variables(id)).toMatchObject({ reps: REPS, scores: [9, 8, 7] });
      expect(host.variables(id)).not.toHaveProperty('rep');
      expect(host.count(id, 'Task_ScoreParallel', 'completed')).toBe(4);
    });

    it('should open the tasks one after another in sequential mode', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-user-task.bpmn');
      const id = await host.start('multi_instance_user_task', { reps: REPS, mode: 'sequential' });
      const seen: (string | null)[] = [];

      // when
      for (const score of [5, 4, 3]) {
        const task = host.task(id, 'Task_ScoreSequential');
        seen.push(task.assignee);
        await host.completeById(task.elementInstanceId, { score });
      }

      // then
      expect(seen).toEqual(REPS);
      expect(host.variables(id)).toMatchObject({ scores: [5, 4, 3] });
      expect(host.openTasks(id)).toEqual(['Task_Summary']);
    });

    it('should finish early on its completion condition and cancel the remaining instance', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-user-task.bpmn');
      const id = await host.start('multi_instance_user_task', { reps: REPS, mode: 'quorum' });
      const [first, second] = host.engine.userTasks({ instanceId: id, elementId: 'Task_ScoreQuorum' });

      // when
      await host.completeById(first?.elementInstanceId ?? '', { score: 6 });

      // then
      expect(host.engine.userTasks({ instanceId: id, elementId: 'Task_ScoreQuorum' })).toHaveLength(2);

      // when
      await host.completeById(second?.elementInstanceId ?? '', { score: 8 });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Summary']);
      expect(host.variables(id)).toMatchObject({ scores: [6, 8, null] });
      expect(host.count(id, 'Task_ScoreQuorum', 'terminated')).toBe(1);
    });

    it('should complete at once for an empty collection', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-user-task.bpmn');

      // when
      const id = await host.start('multi_instance_user_task', { reps: [], mode: 'parallel' });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Summary']);
      expect(host.variables(id)).toMatchObject({ scores: [] });
    });

    it('should end every instance when the boundary timer on the body fires', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-user-task.bpmn', { now: Date.parse('2026-11-02T09:00:00+08:00') });
      const id = await host.start('multi_instance_user_task', { reps: REPS, mode: 'parallel' });
      const [first] = host.engine.userTasks({ instanceId: id, elementId: 'Task_ScoreParallel' });
      await host.completeById(first?.elementInstanceId ?? '', { score: 9 });

      // when
      await host.advance('P2D');

      // then
      expect(host.status(id)).toBe('completed');
      expect(host.count(id, 'Task_ScoreParallel', 'terminated')).toBe(3);
      expect(host.history(id, 'completed')).toContain('End_Deadline');
      host.expectNothingOpen(id);
    });

    it('should raise an incident when the input collection is not a list', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-user-task.bpmn');

      // when
      const id = await host.start('multi_instance_user_task', { reps: '张阿姨', mode: 'parallel' });

      // then
      expect(host.instance(id).incidents).toMatchObject([{ elementId: 'Task_ScoreParallel' }]);
    });
  });

  describe('sub-process', () => {
    it('should run the sub-process per building with its own local element and output', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-sub-process.bpmn');
      host.registerWorker('inspect', async (job) => ({ result: `${String(job.variables.building)}合格` }));

      // when
      const id = await host.start('multi_instance_sub_process', { buildings: ['1栋', '2栋'] });

      // then
      const signs = host.engine.userTasks({ instanceId: id, elementId: 'Task_Sign' });
      expect(signs.map((t) => t.candidateGroups)).toEqual([['1栋'], ['2栋']]);

      // when
      for (const t of signs) await host.completeById(t.elementInstanceId);

      // then
      expect(host.openTasks(id)).toEqual(['Task_Report']);
      expect(host.variables(id)).toMatchObject({ results: ['1栋合格', '2栋合格'] });
    });

    it('should end all instances when an error thrown inside one is caught on the body', async () => {
      // given
      const host = await EventsHost.deploy('multi-instance-sub-process.bpmn');
      host.registerWorker('inspect', async (job) => {
        if (job.variables.building === '2栋') throw new BusinessError('UNSAFE', '外墙脱落');
        return { result: '合格' };
      });

      // when
      const id = await host.start('multi_instance_sub_process', { buildings: ['1栋', '2栋', '3栋'] });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Rectify']);
      expect(host.history(id, 'terminated')).toContain('Sub_Building');
      expect(host.count(id, 'Task_Report')).toBe(0);
      expect(host.jobs(id)).toEqual([]);

      // when
      await host.complete(id, 'Task_Rectify');

      // then
      expect(host.status(id)).toBe('completed');
      host.expectNothingOpen(id);
    });
  });

  describe('call activity', () => {
    it('should call the child process once per community in sequence and collect the decisions', async () => {
      // given
      const host = await EventsHost.deploy(['call-child.bpmn', 'multi-instance-call-activity.bpmn']);
      host.registerWorker('minutes', async () => ({}));
      const id = await host.start('multi_instance_call_activity', { communities: ['阳光小区', '和平小区'] });

      // when
      for (const decision of ['同意', '暂缓']) {
        const children = host.engine.childrenOf(id).filter((c) => host.status(c) === 'active');
        expect(children).toHaveLength(1);
        const child = children[0] ?? '';
        expect(host.variables(child)).toMatchObject({ community: decision === '同意' ? '阳光小区' : '和平小区' });
        await host.complete(child, 'Task_Meeting', { attendance: 15, decision });
      }

      // then
      expect(host.openTasks(id)).toEqual(['Task_Publish']);
      expect(host.variables(id)).toMatchObject({ decisions: ['同意', '暂缓'] });
      expect(host.engine.childrenOf(id)).toHaveLength(2);
    });

    it('should let the input mappings of each inner instance read the input element', async () => {
      // given
      const host = await EventsHost.deploy(['call-child.bpmn', 'multi-instance-call-activity.bpmn']);

      // when
      const id = await host.start('multi_instance_call_activity', { communities: ['阳光小区', '和平小区'] });

      // then
      const [child] = host.engine.childrenOf(id);
      expect(host.variables(child ?? '')).toMatchObject({ agenda: '阳光小区' });
    });
  });
});

describe('multi-instance, the other modes', () => {
  it('should run a sequential sub-process per floor with loopCounter, then a parallel call activity per community', async () => {
    // given
    const host = await EventsHost.deploy(['call-child.bpmn', 'multi-instance-modes.bpmn']);
    host.registerWorker('minutes', async () => ({}));
    const id = await host.start('multi_instance_modes', { floors: ['1', '2'], communities: ['阳光小区', '和平小区', '幸福小区'] });

    // when: the floors one after another
    const groups: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const task = host.task(id, 'Task_CheckFloor');
      groups.push([...task.candidateGroups]);
      await host.completeById(task.elementInstanceId);
    }

    // then
    expect(groups).toEqual([['1'], ['2']]);
    expect(host.variables(id)).toMatchObject({ checked: ['1层第1次', '2层第2次'] });
    const children = host.engine.childrenOf(id);
    expect(children).toHaveLength(3);

    // when: the communities decide in another order than they were started
    for (const [child, decision] of [[children[2], '不同意'], [children[0], '同意'], [children[1], '暂缓']] as const) {
      await host.complete(child ?? '', 'Task_Meeting', { attendance: 12, decision });
    }

    // then
    expect(host.variables(id)).toMatchObject({ decisions: ['同意', '暂缓', '不同意'] });
    expect(host.openTasks(id)).toEqual(['Task_Publish']);
  });

  it('should give each inner job its item and let each inner receive task wait on its own correlation key', async () => {
    // given
    const host = await EventsHost.deploy('multi-instance-receive.bpmn');
    const notified: string[] = [];
    host.registerWorker('notify', async (job) => {
      notified.push(`${String(job.variables.household)}#${String(job.variables.loopCounter)}`);
    });

    // when
    const id = await host.start('multi_instance_receive', { households: ['101', '102', '201', '202'] });

    // then
    expect(notified).toEqual(['101#1', '102#2', '201#3', '202#4']);
    expect(host.subscriptions(id)).toEqual(['Receive_Confirm', 'Receive_Confirm', 'Receive_Confirm', 'Receive_Confirm']);

    // when: half of the households answer (completion condition: half)
    const first = await host.publish('住户确认', '201', { answer: '同意' });
    await host.publish('住户确认', '102', { answer: '不同意' });

    // then
    expect(first.correlated).toEqual([{ instanceId: id, elementId: 'Receive_Confirm' }]);
    expect(host.openTasks(id)).toEqual(['Task_Count']);
    expect(host.subscriptions(id)).toEqual([]);
    expect(host.variables(id)).toMatchObject({ answers: [null, '不同意', '同意', null] });
  });

  it('should cancel every running child of a parallel multi-instance call activity when the instance is cancelled', async () => {
    // given
    const host = await EventsHost.deploy(['call-child.bpmn', 'multi-instance-modes.bpmn']);
    const id = await host.start('multi_instance_modes', { floors: [], communities: ['阳光小区', '和平小区'] });
    const children = host.engine.childrenOf(id);
    expect(children).toHaveLength(2);

    // when
    await host.cancel(id);

    // then
    expect(host.status(id)).toBe('terminated');
    for (const child of children) expect(host.status(child)).toBe('terminated');
    expect(host.engine.userTasks()).toEqual([]);
  });
});
