import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

describe('embedded sub-process', () => {
  describe('variable scope', () => {
    it('should give tasks inside the mapped local variables without leaking them to the process', async () => {
      // given
      const host = await RoundTripHost.deploy('sub-process-scope.bpmn');

      // when
      const id = await host.start('sub_process_scope', { complaint: { address: '5栋1单元', owner: '刘师傅' } });

      // then
      const task = host.task(id, 'Task_Verify');
      expect(task.assignee).toBe('刘师傅');
      expect(task.candidateGroups).toEqual(['5栋1单元']);
      expect(host.variables(id)).toEqual({ complaint: { address: '5栋1单元', owner: '刘师傅' } });
    });

    it('should map outputs out of the sub-process and keep its local variables inside', async () => {
      // given
      const host = await RoundTripHost.deploy('sub-process-scope.bpmn');
      const id = await host.start('sub_process_scope', { complaint: { address: '5栋1单元', owner: '刘师傅' } });

      // when: the task changes the local address and adds a note
      await host.complete(id, 'Task_Verify', { address: '5栋2单元', fixNote: '已更换灯泡' });

      // then: the local update reaches the output mapping, the note the process (Zeebe's rule)
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.variables(id)).toEqual({
        complaint: { address: '5栋1单元', owner: '刘师傅' },
        fixNote: '已更换灯泡',
        verifiedAddress: '5栋2单元（已核实）',
      });
      expect(host.history(id, 'completed')).toEqual(['StartEvent_Report', 'Sub_Start', 'Task_Verify', 'Sub_End', 'Sub_Handle']);

      // when
      await host.complete(id, 'Task_Callback');

      // then
      expect(host.status(id)).toBe('completed');
    });
  });

  describe('nested sub-processes', () => {
    it('should shadow an outer local with an inner one and map the result out through both levels', async () => {
      // given
      const host = await RoundTripHost.deploy('nested-sub-processes.bpmn');
      const id = await host.start('nested_sub_processes', { caseNo: 'DB-9' });

      // then
      expect(host.task(id, 'Task_Do').candidateGroups).toEqual(['街道/社区']);
      expect(host.variables(id)).toEqual({ caseNo: 'DB-9' });

      // when
      await host.complete(id, 'Task_Do', { note: '已处理' });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Close']);
      expect(host.variables(id)).toMatchObject({ caseNo: 'DB-9', result: '已处理' });
      expect(host.variables(id)).not.toHaveProperty('level');
      expect(host.history(id, 'entered')).toEqual([
        'StartEvent_Case', 'Sub_Outer', 'Outer_Start', 'Sub_Inner', 'Inner_Start', 'Task_Do', 'Inner_End', 'Outer_End', 'Task_Close',
      ]);
      expect(host.history(id, 'completed')).toEqual([
        'StartEvent_Case', 'Outer_Start', 'Inner_Start', 'Task_Do', 'Inner_End', 'Sub_Inner', 'Outer_End', 'Sub_Outer',
      ]);

      // when
      await host.complete(id, 'Task_Close');

      // then
      expect(host.status(id)).toBe('completed');
    });
  });

  describe('parallel join inside a sub-process', () => {
    it('should complete the sub-process only after its inner join passed', async () => {
      // given
      const host = await RoundTripHost.deploy('sub-process-parallel-join.bpmn');
      const id = await host.start('sub_process_parallel_join');
      expect(host.openTasks(id)).toEqual(['Task_Fire', 'Task_Power']);

      // when
      await host.complete(id, 'Task_Fire', { fireOk: true });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Power']);
      expect(host.history(id, 'completed')).not.toContain('Sub_Check');

      // when
      await host.complete(id, 'Task_Power', { powerOk: false });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Report']);
      expect(host.count(id, 'Check_Join', 'completed')).toBe(1);
      expect(host.count(id, 'Sub_Check', 'completed')).toBe(1);
      expect(host.variables(id)).toEqual({ fireOk: true, powerOk: false });

      // when
      await host.complete(id, 'Task_Report');

      // then
      expect(host.status(id)).toBe('completed');
    });

    it('should terminate the open tasks inside the sub-process when the instance is cancelled', async () => {
      // given
      const host = await RoundTripHost.deploy('sub-process-parallel-join.bpmn');
      const id = await host.start('sub_process_parallel_join');
      await host.complete(id, 'Task_Fire');

      // when
      await host.cancel(id);

      // then
      expect(host.status(id)).toBe('terminated');
      expect(host.openTasks(id)).toEqual([]);
      expect(host.history(id, 'terminated')).toEqual(expect.arrayContaining(['Task_Power', 'Sub_Check']));
    });
  });
});
