import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

describe('parallel gateway', () => {
  describe('fork and join', () => {
    it('should open every branch and pass the join only after all three arrived', async () => {
      // given
      const host = await RoundTripHost.deploy('parallel-fork-join.bpmn');
      const id = await host.start('parallel_fork_join');
      expect(host.openTasks(id)).toEqual(['Task_Accept', 'Task_Dispatch']);
      expect(host.history(id, 'entered')).toContain('Task_Notify');

      // when
      await host.complete(id, 'Task_Dispatch');
      await host.complete(id, 'Task_Accept');

      // then: the job branch has not arrived yet
      expect(host.openTasks(id)).toEqual([]);
      expect(host.history(id, 'completed')).not.toContain('Gateway_Join');

      // when
      host.registerWorker('notify', async () => ({ notified: true }));
      await host.runUntilIdle();

      // then
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);

      // when
      await host.complete(id, 'Task_Callback');

      // then
      expect(host.status(id)).toBe('completed');
      expect(host.count(id, 'Task_Callback')).toBe(1);
      expect(host.count(id, 'EndEvent_Done', 'completed')).toBe(1);
    });

    it('should pass the join once whichever order the branches finish in', async () => {
      for (const order of [['Task_Accept', 'Task_Dispatch'], ['Task_Dispatch', 'Task_Accept']] as const) {
        // given
        const host = await RoundTripHost.deploy('parallel-fork-join.bpmn');
        host.registerWorker('notify', async () => ({ notified: true }));
        const id = await host.start('parallel_fork_join');

        // when
        await host.complete(id, order[0]);

        // then
        expect(host.openTasks(id)).toEqual([order[1]]);

        // when
        await host.complete(id, order[1]);

        // then
        expect(host.openTasks(id)).toEqual(['Task_Callback']);
        expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);
      }
    });
  });

  describe('join after an exclusive split and merge (bpmn-engine #200)', () => {
    it('should wait for the token coming out of the exclusive merge when the other branch finishes first', async () => {
      // given
      const host = await RoundTripHost.deploy('parallel-join-after-exclusive.bpmn');
      const id = await host.start('parallel_join_after_exclusive', { onsite: false });
      expect(host.openTasks(id)).toEqual(['Task_Accept', 'Task_Phone']);

      // when
      await host.complete(id, 'Task_Accept');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Phone']);
      expect(host.history(id, 'completed')).not.toContain('Gateway_Join');

      // when
      await host.complete(id, 'Task_Phone');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);
      expect(host.history(id, 'entered')).not.toContain('Task_Visit');
    });

    it('should wait for the other branch when the exclusive branch finishes first', async () => {
      // given
      const host = await RoundTripHost.deploy('parallel-join-after-exclusive.bpmn');
      const id = await host.start('parallel_join_after_exclusive', { onsite: true });
      expect(host.openTasks(id)).toEqual(['Task_Accept', 'Task_Visit']);

      // when
      await host.complete(id, 'Task_Visit');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Accept']);

      // when
      await host.complete(id, 'Task_Accept');
      await host.complete(id, 'Task_Callback');

      // then
      expect(host.status(id)).toBe('completed');
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);
      expect(host.count(id, 'Task_Callback')).toBe(1);
    });
  });

  describe('nested joins', () => {
    it('should pass the inner join when its two branches are done and the outer join only after all', async () => {
      // given
      const host = await RoundTripHost.deploy('parallel-nested-joins.bpmn');
      const id = await host.start('parallel_nested_joins');
      expect(host.openTasks(id)).toEqual(['Task_Committee', 'Task_Owners', 'Task_Property']);

      // when
      await host.complete(id, 'Task_Owners');
      await host.complete(id, 'Task_Committee');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Property']);

      // when
      await host.complete(id, 'Task_Property');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Summary']);
      expect(host.count(id, 'Gateway_InnerJoin', 'completed')).toBe(1);
      expect(host.history(id, 'completed')).not.toContain('Gateway_OuterJoin');

      // when
      await host.complete(id, 'Task_Summary');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Decide']);
      expect(host.count(id, 'Gateway_OuterJoin', 'completed')).toBe(1);

      // when
      await host.complete(id, 'Task_Decide');

      // then
      expect(host.status(id)).toBe('completed');
    });
  });

  describe('several joins in a row', () => {
    it('should pass each succeeding join exactly once', async () => {
      // given
      const host = await RoundTripHost.deploy('parallel-multiple-merges.bpmn');
      const id = await host.start('parallel_multiple_merges');
      expect(host.openTasks(id)).toEqual(['Task_Accept', 'Task_Dispatch', 'Task_Notify']);

      // when: the branch that skips the first join finishes first
      await host.complete(id, 'Task_Notify');
      await host.complete(id, 'Task_Accept');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Dispatch']);
      expect(host.history(id, 'completed')).not.toContain('Gateway_Join2');

      // when
      await host.complete(id, 'Task_Dispatch');

      // then: second fork; its script branch waits at the third join
      expect(host.openTasks(id)).toEqual(['Task_Repair']);
      expect(host.variables(id)['hours']).toBe(3);
      expect(host.count(id, 'Gateway_Join1', 'completed')).toBe(1);
      expect(host.count(id, 'Gateway_Join2', 'completed')).toBe(1);
      expect(host.history(id, 'completed')).not.toContain('Gateway_Join3');

      // when
      await host.complete(id, 'Task_Repair');
      await host.complete(id, 'Task_Callback');

      // then
      expect(host.status(id)).toBe('completed');
      expect(host.count(id, 'Gateway_Join3', 'completed')).toBe(1);
      expect(host.count(id, 'Task_Callback')).toBe(1);
    });
  });
});
