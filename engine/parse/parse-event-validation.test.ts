import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationProblem } from '../errors.js';
import { loadFixture } from '../../tests/helpers/load-parse-fixture.js';
import { parseBpmn } from './parse-bpmn.js';

const events = loadFixture('event-elements.bpmn');

async function problemsOf(xml: string): Promise<readonly ValidationProblem[]> {
  try {
    await parseBpmn(xml);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** The problems that are not about the support table (the events fixture may or may not be enabled yet). */
async function ruleProblemsOf(xml: string): Promise<readonly ValidationProblem[]> {
  return (await problemsOf(xml)).filter((problem) => !problem.message.includes('暂不支持'));
}

function edit(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return xml.replace(from, to);
}

describe('deploy-time validation of event elements', () => {
  it('should read static timer texts at deploy time', async () => {
    // when
    const problems = await ruleProblemsOf(edit(events, '>P7D<', '>P7 days<'));

    // then
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'Catch_Week', field: 'timeDuration', message: expect.stringMatching(/^定时器格式无效.*「P7 days」 \/ invalid timer duration/) }),
    ]);
  });

  it('should refuse a link throw without a matching catch', async () => {
    // when
    const problems = await ruleProblemsOf(edit(events, '<bpmn:linkEventDefinition id="LinkEventDefinition_Catch" name="score" />', '<bpmn:linkEventDefinition id="LinkEventDefinition_Catch" name="scores" />'));

    // then
    expect(problems).toEqual([expect.objectContaining({ elementId: 'Link_Throw', field: 'name', message: expect.stringContaining('"score"') })]);
  });

  it('should refuse an event-based gateway leading to something other than a catching event', async () => {
    // when
    const problems = await ruleProblemsOf(
      edit(events, '<bpmn:sequenceFlow id="Flow_ToWeek" sourceRef="Gateway_Wait" targetRef="Catch_Week" />', '<bpmn:sequenceFlow id="Flow_ToWeek" sourceRef="Gateway_Wait" targetRef="Gateway_ToScore" />'),
    );

    // then
    expect(problems).toEqual([expect.objectContaining({ elementId: 'Gateway_Wait', field: 'outgoing', message: expect.stringContaining('"Gateway_ToScore" 不是') })]);
  });

  it('should refuse a non-interrupting error boundary and an error without a code', async () => {
    // when
    const problems = await ruleProblemsOf(
      edit(
        edit(events, '<bpmn:boundaryEvent id="Boundary_NoStaff" attachedToRef', '<bpmn:boundaryEvent id="Boundary_NoStaff" cancelActivity="false" attachedToRef'),
        ' errorCode="NO_STAFF"',
        '',
      ),
    );

    // then
    expect(problems.map((p) => [p.elementId, p.field])).toEqual([
      ['EndEvent_NoStaff', 'errorRef'],
      ['Boundary_NoStaff', 'cancelActivity'],
    ]);
  });

  it('should refuse a non-interrupting error start and an error start outside an event sub-process', async () => {
    // when
    const problems = await ruleProblemsOf(
      edit(
        edit(events, '<bpmn:startEvent id="Start_AnyError" name="任何错误">', '<bpmn:startEvent id="Start_AnyError" name="任何错误" isInterrupting="false">'),
        '<bpmn:startEvent id="StartEvent_Dispatch">\n        <bpmn:outgoing>Flow_D1</bpmn:outgoing>',
        '<bpmn:startEvent id="StartEvent_Dispatch">\n        <bpmn:outgoing>Flow_D1</bpmn:outgoing>\n        <bpmn:errorEventDefinition id="ErrorEventDefinition_Wrong" />',
      ),
    );

    // then
    expect(problems.map((p) => [p.elementId, p.field])).toEqual([
      ['SubProcess_Dispatch', 'startEvent'],
      ['StartEvent_Dispatch', 'eventDefinitions'],
      ['Start_AnyError', 'isInterrupting'],
    ]);
  });

  it('should refuse a reference to an element of the wrong kind', async () => {
    // when
    const problems = await ruleProblemsOf(edit(events, 'messageRef="Message_Reply" />', 'messageRef="Signal_Typhoon" />'));

    // then
    expect(problems).toEqual([expect.objectContaining({ elementId: 'Boundary_Reply', field: 'messageRef', message: expect.stringContaining('"Signal_Typhoon" 不是消息') })]);
  });

  it('should refuse a message caught inside an instance without a correlation key', async () => {
    // when
    const problems = await ruleProblemsOf(edit(events, '<zeebe:subscription correlationKey="=complaintId" />', ''));

    // then
    expect(problems.map((p) => [p.elementId, p.field])).toEqual([
      ['Boundary_Reply', 'zeebe:subscription.correlationKey'],
      ['Task_WaitReply', 'zeebe:subscription.correlationKey'],
    ]);
  });
});
