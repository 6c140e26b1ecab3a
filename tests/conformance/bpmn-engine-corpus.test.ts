import { describe, expect, it } from 'vitest';
import { parseBpmn, ValidationError } from '../../engine/index.js';
import { EventsHost } from '../features/events/helpers/events-host.js';
import { haveCorpora, readCorpus } from './corpora.js';

/**
 * paed01/bpmn-engine test models that use issue-3 elements and only elements this engine runs:
 * they deploy, and where `bpmn-engine/INDEX.md` states behaviour we run them and check it
 * (with Zeebe's semantics where the two engines differ, said at the assertion).
 */
describe.skipIf(!haveCorpora)('bpmn-engine corpus models with timers and signals', () => {
  it.each(['boundary-non-interupting-timer.bpmn', 'boundary-timeout.bpmn', 'one-or-the-other.bpmn', 'timer-event.bpmn'])('should deploy %s', async (file) => {
    // when
    const model = await parseBpmn(readCorpus(`bpmn-engine/${file}`));

    // then
    expect(model.processes.size).toBe(1);
  });

  it('timer-event: should wait PT0.05S in the intermediate timer, then complete', async () => {
    // given
    const host = await EventsHost.deployXml([readCorpus('bpmn-engine/timer-event.bpmn')], { now: 0 });
    const id = await host.start('timerProcess');
    expect(host.status(id)).toBe('active');
    expect(host.timerDueTimes('duration')).toEqual([50]);

    // when
    await host.advance('PT0.049S');

    // then
    expect(host.status(id)).toBe('active');

    // when
    await host.advance('PT0.001S');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'completed')).toEqual(['start', 'task1', 'duration', 'task2', 'end']);
  });

  it('boundary-non-interupting-timer: should keep the user task when the timer fires; both reach the join and the run completes', async () => {
    // given
    const host = await EventsHost.deployXml([readCorpus('bpmn-engine/boundary-non-interupting-timer.bpmn')], { now: 0 });
    const id = await host.start('Process_1');

    // when
    await host.advance('PT0.01S');

    // then
    expect(host.openTasks(id)).toEqual(['userTask']);
    expect(host.count(id, 'boundaryEvent', 'completed')).toBe(1);
    expect(host.status(id)).toBe('active');

    // when
    await host.complete(id, 'userTask');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'completed')).toEqual(expect.arrayContaining(['userTask', 'boundaryEvent', 'join', 'EndEvent_04z4jtj']));
    host.expectNothingOpen(id);
  });

  it('boundary-timeout: should take the task and discard the timer when the task completes in time', async () => {
    // given
    const host = await EventsHost.deployXml([readCorpus('bpmn-engine/boundary-timeout.bpmn')], { now: 0 });
    const id = await host.start('timerProcess');

    // when
    await host.complete(id, 'userTask');
    await host.advance('PT1S');

    // then: no lingering timer, the bound event never ran (the parallel join waits for the other inbound flow, as in Zeebe)
    expect(host.timers(id)).toEqual([]);
    expect(host.count(id, 'boundTimeoutEvent')).toBe(0);
    expect(host.history(id, 'completed')).toContain('userTask');
  });

  it('boundary-timeout: should take the timer and discard the task when the task is not done in PT0.1S', async () => {
    // given
    const host = await EventsHost.deployXml([readCorpus('bpmn-engine/boundary-timeout.bpmn')], { now: 0 });
    const id = await host.start('timerProcess');

    // when
    await host.advance('PT0.1S');

    // then
    expect(host.openTasks(id)).toEqual([]);
    expect(host.timers(id)).toEqual([]);
    expect(host.history(id, 'terminated')).toEqual(['userTask']);
    expect(host.count(id, 'boundTimeoutEvent', 'completed')).toBe(1);
  });

  it('one-or-the-other: should run to completion with the signal throws and bound signal events', async () => {
    // given
    const host = await EventsHost.deployXml([readCorpus('bpmn-engine/one-or-the-other.bpmn')]);

    // when: manual tasks pass straight through in Zeebe, so both branches throw before anyone catches
    const id = await host.start('Process_0a7qz95');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.count(id, 'Event_1arkwr4', 'completed')).toBe(1);
    host.expectNothingOpen(id);
  });
});

describe.skipIf(!haveCorpora)('corpus models with elements that are not supported yet', () => {
  it.each([
    ['bpmn-engine/conditional-bound-js-event.bpmn', 'cond', 'conditional boundary event'],
    ['miwg/bpmn.io-18.6.1/B.2.0-export.bpmn', 'Activity_1n1hhyt', 'standard loop'],
  ])('should refuse %s, naming %s and the element kind', async (file, elementId, kind) => {
    // when
    const refused = await parseBpmn(readCorpus(file)).then(
      () => null,
      (error: unknown) => error,
    );

    // then
    expect(refused).toBeInstanceOf(ValidationError);
    const problems = (refused as ValidationError).problems.filter((p) => p.elementId === elementId);
    expect(problems.map((p) => p.message).join('\n')).toContain(kind);
    expect(problems.map((p) => p.message).join('\n')).toContain('not supported');
  });
});
