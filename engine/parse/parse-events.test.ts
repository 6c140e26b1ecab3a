import { describe, expect, it } from 'vitest';
import type { ElementDef, ExecutableModel, ExecutableProcess } from '../model/executable-model.js';
import { loadFixture } from '../../tests/helpers/load-parse-fixture.js';
import { analyseBpmn } from './parse-bpmn.js';

/**
 * Issue 3's elements: the model describes them whether or not the support table has enabled
 * them yet, so enabling one is only the table flip.
 */
async function analysed(): Promise<{ model: ExecutableModel; process: ExecutableProcess; problems: readonly { message: string }[] }> {
  const { model, problems } = await analyseBpmn(loadFixture('event-elements.bpmn'));
  const process = model.processes.get('complaint-events');
  if (!process) throw new Error('process missing');
  return { model, process, problems };
}

function element<K extends ElementDef['kind']>(process: ExecutableProcess, id: string, kind: K): ElementDef & { kind: K } {
  const found = process.elements.get(id);
  if (!found || found.kind !== kind) throw new Error(`${id} is not a ${kind}`);
  return found as ElementDef & { kind: K }; // narrowed by the kind check above
}

describe('parseBpmn on event elements (issue 3)', () => {
  it('should find no problem in them other than elements the support table does not enable yet', async () => {
    // when
    const { problems } = await analysed();

    // then
    for (const problem of problems) expect(problem.message).toContain('暂不支持');
  });

  it('should read messages with correlation keys, signals, errors and escalations', async () => {
    // when
    const { model } = await analysed();

    // then
    expect(model.messages.get('Message_Reply')).toMatchObject({ name: { kind: 'static', value: 'resident-reply' }, correlationKey: { source: 'complaintId' } });
    expect(model.messages.get('Message_Withdraw')).toMatchObject({ name: { kind: 'feel', expression: { source: '"withdraw-" + district' } }, correlationKey: { source: 'residentId' } });
    expect(model.signals.get('Signal_Typhoon')?.name).toEqual({ kind: 'static', value: 'typhoon-warning' });
    expect(model.errors.get('Error_NoStaff')).toEqual({ id: 'Error_NoStaff', name: '无人可派', errorCode: 'NO_STAFF' });
    expect(model.escalations.get('Escalation_Overdue')?.escalationCode).toBe('OVERDUE');
  });

  it('should attach boundary events to their activity', async () => {
    // when
    const { process } = await analysed();

    // then
    expect(element(process, 'Task_Handle', 'userTask').boundaryEventIds).toEqual(['Boundary_Timeout', 'Boundary_Reply']);
    expect(element(process, 'Boundary_Timeout', 'boundaryEvent')).toMatchObject({
      attachedToId: 'Task_Handle',
      cancelActivity: true,
      event: { kind: 'timer', timer: { type: 'date', value: { kind: 'feel', expression: { source: 'add working days(today(), 5)' } } } },
    });
    expect(element(process, 'Boundary_Reply', 'boundaryEvent')).toMatchObject({ cancelActivity: false, event: { kind: 'message', messageId: 'Message_Reply' } });
    expect(element(process, 'Boundary_NoStaff', 'boundaryEvent').event).toEqual({ kind: 'error', errorId: 'Error_NoStaff' });
  });

  it('should read timer, message, link, signal, escalation and message-job events', async () => {
    // when
    const { process } = await analysed();

    // then
    expect(element(process, 'Catch_Week', 'intermediateCatchEvent').event).toEqual({ kind: 'timer', timer: { type: 'duration', value: { kind: 'static', value: 'P7D' } } });
    expect(element(process, 'Catch_Withdraw', 'intermediateCatchEvent').event).toEqual({ kind: 'message', messageId: 'Message_Withdraw' });
    expect(element(process, 'Link_Throw', 'intermediateThrowEvent').event).toEqual({ kind: 'link', linkName: 'score' });
    expect(element(process, 'Link_Catch', 'intermediateCatchEvent').event).toEqual({ kind: 'link', linkName: 'score' });
    expect(element(process, 'Throw_Overdue', 'intermediateThrowEvent').event).toEqual({ kind: 'escalation', escalationId: 'Escalation_Overdue' });
    expect(element(process, 'EndEvent_Withdrawn', 'endEvent').event).toEqual({ kind: 'signal', signalId: 'Signal_Typhoon' });
    expect(element(process, 'EndEvent_Notify', 'endEvent').job?.type).toEqual({ kind: 'static', value: 'notify-resident' });
    expect(element(process, 'Gateway_Wait', 'eventBasedGateway').outgoing).toEqual(['Flow_ToWithdraw', 'Flow_ToWeek']);
    expect(element(process, 'Task_WaitReply', 'receiveTask').messageId).toBe('Message_Reply');
  });

  it('should read multi-instance characteristics', async () => {
    // when
    const { process } = await analysed();

    // then
    const parallel = element(process, 'Task_Score', 'userTask').multiInstance;
    expect(parallel).toMatchObject({
      sequential: false,
      inputCollection: { source: 'representatives' },
      inputElement: 'rep',
      outputCollection: 'scores',
      outputElement: { source: 'score' },
      completionCondition: { source: 'numberOfCompletedInstances >= 3' },
    });
    expect(element(process, 'SubProcess_Dispatch', 'subProcess').multiInstance).toMatchObject({ sequential: true, outputCollection: null, completionCondition: null });
  });

  it('should read call activities with Camunda 8 propagation defaults', async () => {
    // when
    const { model, process } = await analysed();

    // then
    expect(element(process, 'Call_Meeting', 'callActivity')).toMatchObject({
      calledProcessId: { kind: 'static', value: 'three-meetings' },
      propagateAllChildVariables: false,
      propagateAllParentVariables: true,
    });
    expect(model.processes.get('three-meetings')?.scope.noneStartId).toBe('StartEvent_Meeting');
  });

  it('should list event sub-processes in their scope with their trigger', async () => {
    // when
    const { process } = await analysed();

    // then
    expect(process.scope.eventSubProcessIds).toEqual(['EventSub_Typhoon', 'EventSub_Error']);
    expect(process.scope.startEventIds).toEqual(['StartEvent_1']);
    expect(element(process, 'EventSub_Typhoon', 'subProcess').scope).toMatchObject({ startEventIds: ['Start_Typhoon'], noneStartId: null });
    expect(element(process, 'Start_Typhoon', 'startEvent')).toMatchObject({ interrupting: false, event: { kind: 'signal', signalId: 'Signal_Typhoon' } });
    expect(element(process, 'Start_AnyError', 'startEvent')).toMatchObject({ interrupting: true, event: { kind: 'error', errorId: null } });
  });
});
