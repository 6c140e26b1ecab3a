import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

async function acceptWith(needs: { needRepair: boolean; needCleaning: boolean; needSecurity: boolean }): Promise<{ host: RoundTripHost; id: string }> {
  const host = await RoundTripHost.deploy('inclusive-gateway.bpmn');
  const id = await host.start('inclusive_departments');
  await host.complete(id, 'Task_Accept', needs);
  return { host, id };
}

describe('inclusive gateway', () => {
  describe('fork', () => {
    it('should take every flow whose condition holds', async () => {
      // given / when
      const { host, id } = await acceptWith({ needRepair: true, needCleaning: false, needSecurity: true });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Repair', 'Task_Security']);
      expect(host.history(id, 'entered')).not.toContain('Task_Record');
    });

    it('should take only the default flow when no condition holds', async () => {
      // given / when
      const { host, id } = await acceptWith({ needRepair: false, needCleaning: false, needSecurity: false });

      // then: the default branch passes the join straight away
      expect(host.history(id, 'completed')).toContain('Task_Record');
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
    });
  });

  describe('join', () => {
    it('should pass at once when only one branch was taken', async () => {
      // given
      const { host, id } = await acceptWith({ needRepair: false, needCleaning: true, needSecurity: false });
      expect(host.openTasks(id)).toEqual(['Task_Clean']);

      // when
      await host.complete(id, 'Task_Clean');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);
    });

    it('should wait for both when two branches were taken', async () => {
      // given
      const { host, id } = await acceptWith({ needRepair: true, needCleaning: true, needSecurity: false });

      // when
      await host.complete(id, 'Task_Repair');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Clean']);
      expect(host.history(id, 'completed')).not.toContain('Gateway_Join');

      // when
      await host.complete(id, 'Task_Clean');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);

      // when
      await host.complete(id, 'Task_Callback');

      // then
      expect(host.status(id)).toBe('completed');
    });

    it('should wait for all three when every branch was taken', async () => {
      // given
      const { host, id } = await acceptWith({ needRepair: true, needCleaning: true, needSecurity: true });

      // when
      await host.complete(id, 'Task_Security');
      await host.complete(id, 'Task_Repair');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Clean']);

      // when
      await host.complete(id, 'Task_Clean');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.count(id, 'Task_Callback')).toBe(1);
    });
  });

  describe('join with loops', () => {
    it('should keep waiting while a taken branch loops back on itself', async () => {
      // given
      const host = await RoundTripHost.deploy('inclusive-join-loop.bpmn');
      const id = await host.start('inclusive_join_loop', { needRepair: true, needCleaning: true });
      expect(host.openTasks(id)).toEqual(['Task_Clean', 'Task_Repair']);
      await host.complete(id, 'Task_Clean');

      // when: the repair is sent back once
      await host.complete(id, 'Task_Repair', { redo: true });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Repair']);
      expect(host.history(id, 'completed')).not.toContain('Gateway_Join');

      // when
      await host.complete(id, 'Task_Repair', { redo: false });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Review']);
      expect(host.count(id, 'Task_Repair')).toBe(2);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);
    });

    it('should join again correctly when the whole split and join is looped through a second time', async () => {
      // given: first round with both branches
      const host = await RoundTripHost.deploy('inclusive-join-loop.bpmn');
      const id = await host.start('inclusive_join_loop', { needRepair: true, needCleaning: true });
      await host.complete(id, 'Task_Repair', { redo: false });
      await host.complete(id, 'Task_Clean');

      // when: the review sends it round again, now for cleaning only
      await host.complete(id, 'Task_Review', { passed: false, needRepair: false });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Clean']);

      // when
      await host.complete(id, 'Task_Clean');

      // then: nothing else can arrive, so the join passes at once
      expect(host.openTasks(id)).toEqual(['Task_Review']);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(2);

      // when
      await host.complete(id, 'Task_Review', { passed: true });

      // then
      expect(host.status(id)).toBe('completed');
      expect(host.count(id, 'Task_Review')).toBe(2);
      expect(host.count(id, 'Task_Repair')).toBe(1);
    });
  });

  describe('join with a token still upstream', () => {
    it('should wait while a user task upstream can still send a token to the join', async () => {
      // given
      const host = await RoundTripHost.deploy('inclusive-join-upstream.bpmn');

      // when
      const id = await host.start('inclusive_join_upstream');

      // then: the registration branch is at the join, the survey is still open
      expect(host.history(id, 'completed')).toContain('Task_Register');
      expect(host.openTasks(id)).toEqual(['Task_Survey']);
      expect(host.history(id, 'completed')).not.toContain('Gateway_Join');

      // when
      await host.complete(id, 'Task_Survey', { needRepair: true });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Repair']);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);
    });

    it('should pass once the upstream token goes elsewhere and can no longer arrive', async () => {
      // given
      const host = await RoundTripHost.deploy('inclusive-join-upstream.bpmn');
      const id = await host.start('inclusive_join_upstream');

      // when
      await host.complete(id, 'Task_Survey', { needRepair: false });

      // then
      expect(host.history(id, 'completed')).toContain('EndEvent_NoRepair');
      expect(host.openTasks(id)).toEqual(['Task_Repair']);
      expect(host.count(id, 'Gateway_Join', 'completed')).toBe(1);

      // when
      await host.complete(id, 'Task_Repair');

      // then
      expect(host.status(id)).toBe('completed');
    });
  });
});
