import { describe, expect, it } from 'vitest';
import { EventsHost } from './helpers/events-host.js';

const FIXTURES = ['call-child.bpmn', 'call-parent.bpmn', 'call-parent-all.bpmn'];

async function startParent(host: EventsHost): Promise<{ id: string; child: string }> {
  const id = await host.start('call_parent', { meetingProcess: 'three_meetings', topic: '加装电梯' });
  const children = host.engine.childrenOf(id);
  expect(children).toHaveLength(1);
  return { id, child: children[0] ?? '' };
}

describe('call activity', () => {
  it('should start the process named by a FEEL calledElement with the mapped input', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);

    // when
    const { id, child } = await startParent(host);

    // then
    expect(host.instance(child).processId).toBe('three_meetings');
    expect(host.variables(child)).toMatchObject({ agenda: '加装电梯' });
    expect(host.openTasks(child)).toEqual(['Task_Meeting']);
    expect(host.status(id)).toBe('active');
  });

  it('should bring back only the output mappings when propagateAllChildVariables is false', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);
    host.registerWorker('minutes', async (job) => ({ minutes: `纪要：${String(job.variables.decision)}` }));
    const { id, child } = await startParent(host);

    // when
    await host.complete(child, 'Task_Meeting', { attendance: 32, decision: '同意加装' });

    // then
    expect(host.status(child)).toBe('completed');
    expect(host.openTasks(id)).toEqual(['Task_Publish']);
    expect(host.variables(id)).toEqual({ meetingProcess: 'three_meetings', topic: '加装电梯', meetingDecision: '同意加装' });

    // when
    await host.complete(id, 'Task_Publish');

    // then
    expect(host.status(id)).toBe('completed');
  });

  it('should pass only the input mappings to the child when propagateAllParentVariables is false', async () => {
    // given
    const host = await EventsHost.deploy([...FIXTURES, 'call-parent-inputs-only.bpmn']);
    host.registerWorker('minutes', async () => ({}));

    // when
    const id = await host.start('call_parent_inputs_only', { topic: '加装电梯', residentPhone: '139****1234' });

    // then
    const [child] = host.engine.childrenOf(id);
    expect(host.variables(child ?? '')).toEqual({ agenda: '加装电梯' });

    // when
    await host.complete(child ?? '', 'Task_Meeting', { attendance: 25, decision: '同意' });

    // then
    expect(host.variables(id)).toEqual({ topic: '加装电梯', residentPhone: '139****1234', meetingDecision: '同意' });
  });

  it('should bring back every child variable when propagateAllChildVariables is true', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);
    host.registerWorker('minutes', async () => ({ minutes: '已整理' }));
    const id = await host.start('call_parent_all', { topic: '垃圾分类' });
    const [child] = host.engine.childrenOf(id);

    // when
    await host.complete(child ?? '', 'Task_Meeting', { attendance: 20, decision: '试点' });

    // then
    expect(host.variables(id)).toMatchObject({ topic: '垃圾分类', attendance: 20, decision: '试点', minutes: '已整理' });
    expect(host.openTasks(id)).toEqual(['Task_Publish']);
  });

  it('should catch the child error end event on the boundary of the call activity', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);
    const { id, child } = await startParent(host);

    // when
    await host.complete(child, 'Task_Meeting', { attendance: 4 });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Reschedule']);
    expect(host.history(id, 'terminated')).toEqual(['Call_Meetings']);
    expect(host.status(child)).not.toBe('active');
    expect(host.instance(id).incidents).toEqual([]);
  });

  it('should keep a failing child job as an incident in the child while the parent waits', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);
    let attempts = 0;
    host.registerWorker('minutes', async () => {
      attempts += 1;
      throw new Error('打印机故障');
    });
    const { id, child } = await startParent(host);

    // when
    await host.complete(child, 'Task_Meeting', { attendance: 30, decision: '同意' });

    // then
    expect(attempts).toBe(3);
    expect(host.instance(child).incidents).toMatchObject([{ elementId: 'Task_Minutes' }]);
    expect(host.instance(id).incidents).toEqual([]);
    expect(host.status(id)).toBe('active');
    expect(host.openTasks(id)).toEqual([]);
  });

  it('should cancel the child when the parent is cancelled', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);
    const { id, child } = await startParent(host);

    // when
    await host.cancel(id);

    // then
    expect(host.status(id)).toBe('terminated');
    expect(host.status(child)).toBe('terminated');
    expect(host.openTasks(child)).toEqual([]);
  });

  it('should raise an incident on the call activity when the called process is not deployed', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);

    // when
    const id = await host.start('call_parent', { meetingProcess: 'no_such_process', topic: '停车' });

    // then
    expect(host.status(id)).toBe('active');
    expect(host.instance(id).incidents).toMatchObject([{ elementId: 'Call_Meetings' }]);
  });
});

describe('call activity, uncaught child error', () => {
  it('should raise an incident when no scope in parent or child catches the child error', async () => {
    // given: the parent without an error boundary
    const host = await EventsHost.deploy(FIXTURES);
    const id = await host.start('call_parent_all', { topic: '停车位' });
    const [child] = host.engine.childrenOf(id);

    // when
    await host.complete(child ?? '', 'Task_Meeting', { attendance: 3 });

    // then: the incident is on the element that threw it, in the child; the parent waits
    const childIncidents = host.instance(child ?? '').incidents;
    expect(childIncidents).toMatchObject([{ elementId: 'End_NoQuorum' }]);
    expect(JSON.stringify(childIncidents)).toContain('NO_QUORUM');
    expect(host.status(child ?? '')).toBe('active');
    expect(host.status(id)).toBe('active');
    expect(host.openTasks(id)).toEqual([]);
  });
});

describe('call activity, child error thrown again after resolving its incident', () => {
  // Resolving the child's incident without fixing anything throws the error again; the parent
  // must not collect a new incident for each attempt (Zeebe keeps one, in the child).
  it('should not pile up incidents in the parent when the child throws the same uncaught error again', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES);
    const id = await host.start('call_parent_all', { topic: '停车位' });
    const [child] = host.engine.childrenOf(id);
    await host.complete(child ?? '', 'Task_Meeting', { attendance: 3 });
    const [incident] = host.instance(child ?? '').incidents;

    // when: resolved without fixing anything, the error end event throws again
    await host.resolveIncident(incident?.id ?? '');

    // then
    expect(host.instance(child ?? '').incidents).toHaveLength(1);
    expect(host.instance(id).incidents.length).toBeLessThanOrEqual(1);
  });
});

describe('call activity, events from outside and from the child', () => {
  const CHILD_AND_PARENT = ['call-escalation-child.bpmn', 'call-escalation-parent.bpmn'];

  it('should cancel the child when a message boundary interrupts the call activity', async () => {
    // given
    const host = await EventsHost.deploy(CHILD_AND_PARENT);
    const id = await host.start('overdue_parent', { caseNo: 'CH-1' });
    const [child] = host.engine.childrenOf(id);
    expect(host.openTasks(child ?? '')).toEqual(['Task_Finish']);

    // when
    const result = await host.publish('居民撤诉', 'CH-1');

    // then
    expect(result.correlated).toEqual([{ instanceId: id, elementId: 'Boundary_Withdraw' }]);
    expect(host.history(id, 'terminated')).toEqual(['Call_Child']);
    expect(host.history(id, 'completed')).toContain('End_Withdrawn');
    expect(host.status(child ?? '')).toBe('terminated');
    expect(host.openTasks(child ?? '')).toEqual([]);
  });

  // Zeebe propagates escalations up the call hierarchy to a boundary on the call activity.
  it("should notify through the non-interrupting escalation boundary on the call activity when the child escalates", async () => {
    // when
    const host = await EventsHost.deploy(CHILD_AND_PARENT);
    const id = await host.start('overdue_parent', { caseNo: 'CH-2' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Notify']);
  });
});
