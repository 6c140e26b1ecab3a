import { describe, expect, it } from 'vitest';
import { EventsHost } from './helpers/events-host.js';

describe('escalation events', () => {
  it('should notify through the non-interrupting boundary and let the sub-process go on', async () => {
    // given
    const host = await EventsHost.deploy('escalations.bpmn');
    const id = await host.start('escalations');

    // when: the intermediate throw inside the sub-process
    await host.complete(id, 'Task_Handle', { result: 'overdue' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Finish', 'Task_Notify']);

    // when
    await host.complete(id, 'Task_Finish');
    await host.complete(id, 'Task_Notify');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'terminated')).toEqual([]);
    expect(host.history(id, 'completed')).toEqual(expect.arrayContaining(['Sub_Handle', 'End_Done', 'End_Notified']));
  });

  it('should interrupt the sub-process through the escalation end event and its interrupting boundary', async () => {
    // given
    const host = await EventsHost.deploy('escalations.bpmn');
    const id = await host.start('escalations');

    // when
    await host.complete(id, 'Task_Handle', { result: 'complaint' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Supervise']);
    // the throwing end event ends with its scope, as in Zeebe
    expect(host.history(id, 'terminated')).toEqual(['Handle_EscalateEnd', 'Sub_Handle']);
    expect(host.count(id, 'End_Done')).toBe(0);

    // when
    await host.complete(id, 'Task_Supervise');

    // then
    expect(host.status(id)).toBe('completed');
  });

  it('should not stop the instance for an escalation nobody catches', async () => {
    // given
    const host = await EventsHost.deploy('escalations.bpmn');
    const id = await host.start('escalations');

    // when
    await host.complete(id, 'Task_Handle', { result: 'unknown' });

    // then: the end event simply ends its path
    expect(host.status(id)).toBe('completed');
    expect(host.instance(id).incidents).toEqual([]);
    expect(host.history(id, 'completed')).toEqual(expect.arrayContaining(['Handle_Unknown', 'Sub_Handle', 'End_Done']));
  });

  it('should run the non-interrupting escalation event sub-process beside the process', async () => {
    // given
    const host = await EventsHost.deploy('escalation-event-sub-process.bpmn');
    const id = await host.start('escalation_event_sub_process');

    // when
    await host.complete(id, 'Task_Handle');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Close', 'Task_Report']);

    // when
    await host.complete(id, 'Task_Report');
    await host.complete(id, 'Task_Close', { complain: false });

    // then
    expect(host.status(id)).toBe('completed');
    host.expectNothingOpen(id);
  });

  it('should interrupt the process through the escalation event sub-process', async () => {
    // given
    const host = await EventsHost.deploy('escalation-event-sub-process.bpmn');
    const id = await host.start('escalation_event_sub_process');
    await host.complete(id, 'Task_Handle');

    // when: the open report task is in the process scope too
    await host.complete(id, 'Task_Close', { complain: true });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Supervise']);
    expect(host.history(id, 'terminated')).toEqual(expect.arrayContaining(['Task_Report']));

    // when
    await host.complete(id, 'Task_Supervise');

    // then
    expect(host.status(id)).toBe('completed');
    host.expectNothingOpen(id);
  });
});
