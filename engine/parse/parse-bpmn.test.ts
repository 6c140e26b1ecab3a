import { describe, expect, it } from 'vitest';
import type { ElementDef, ExecutableProcess } from '../model/executable-model.js';
import { loadFixture } from '../../tests/helpers/load-parse-fixture.js';
import { parseBpmn } from './parse-bpmn.js';

async function complaintProcess(): Promise<ExecutableProcess> {
  const model = await parseBpmn(loadFixture('complaint-handling.bpmn'));
  const process = model.processes.get('complaint-handling');
  if (!process) throw new Error('process missing');
  return process;
}

function element<K extends ElementDef['kind']>(process: ExecutableProcess, id: string, kind: K): ElementDef & { kind: K } {
  const found = process.elements.get(id);
  if (!found || found.kind !== kind) throw new Error(`${id} is not a ${kind}`);
  return found as ElementDef & { kind: K }; // narrowed by the kind check above
}

describe('parseBpmn', () => {
  it('should index every flow node of the process, nested ones included', async () => {
    // given
    const xml = loadFixture('complaint-handling.bpmn');

    // when
    const model = await parseBpmn(xml);

    // then
    const process = model.processes.get('complaint-handling');
    expect(process?.name).toBe('投诉处理');
    expect(process?.elements.size).toBe(21);
    expect(process?.elements.get('Task_Visit')?.scopeId).toBe('SubProcess_Review');
    expect(process?.elements.has('TextAnnotation_1')).toBe(false);
    expect(process?.scope).toEqual({
      id: 'complaint-handling',
      noneStartId: 'StartEvent_Received',
      startEventIds: ['StartEvent_Received'],
      eventSubProcessIds: [],
      childIds: expect.arrayContaining(['Task_Register', 'SubProcess_Review', 'EndEvent_Done']),
    });
  });

  it('should compile flow conditions and mark the default flow', async () => {
    // given
    const process = await complaintProcess();

    // when
    const repair = process.flows.get('Flow_Repair');
    const other = process.flows.get('Flow_Other');

    // then
    expect(repair?.condition?.source).toBe('category = "repair"');
    expect(repair?.condition?.variables).toEqual(['category']);
    expect(repair?.isDefault).toBe(false);
    expect(other).toMatchObject({ sourceId: 'Gateway_Category', targetId: 'Task_Acknowledge', condition: null, isDefault: true });
    expect(element(process, 'Gateway_Category', 'exclusiveGateway').defaultFlowId).toBe('Flow_Other');
    expect(element(process, 'Gateway_Category', 'exclusiveGateway').outgoing).toEqual(['Flow_Repair', 'Flow_Other']);
  });

  it('should read the user task assignment, schedule, priority, form, mappings and properties', async () => {
    // given
    const process = await complaintProcess();

    // when
    const task = element(process, 'Task_Register', 'userTask');

    // then
    expect(task.assignee).toMatchObject({ kind: 'feel', expression: { source: 'initiator' } });
    expect(task.candidateGroups).toEqual({ kind: 'static', value: 'grid-workers' });
    expect(task.dueDate).toMatchObject({ kind: 'feel', expression: { source: 'add working days(today(), 5)' } });
    expect(task.priority).toEqual({ kind: 'static', value: '60' });
    expect(task.formId).toEqual({ kind: 'static', value: 'complaint-register' });
    expect(task.properties).toEqual({ sla: '5wd' });
    expect(task.io?.inputs.map((m) => [m.source.source, m.target])).toEqual([['complaint.title', 'title']]);
    expect(task.io?.outputs.map((m) => [m.source.source, m.target])).toEqual([['category', 'complaint.category']]);
  });

  it('should turn service, send and business-rule tasks into jobs with type, retries and headers', async () => {
    // given
    const process = await complaintProcess();

    // when
    const dispatch = element(process, 'Task_Dispatch', 'jobTask');
    const sms = element(process, 'Task_Sms', 'jobTask');
    const score = element(process, 'Task_Score', 'jobTask');

    // then
    expect(dispatch.job).toEqual({ type: { kind: 'static', value: 'dispatch-repair' }, retries: { kind: 'static', value: '5' }, headers: { channel: 'wechat' } });
    expect(sms.job.type).toMatchObject({ kind: 'feel', expression: { source: '"sms-" + region' } });
    expect(score.job.retries).toEqual({ kind: 'static', value: '3' });
    expect(score.bpmnType).toBe('bpmn:BusinessRuleTask');
  });

  it('should read a FEEL script task and pass-through tasks', async () => {
    // given
    const process = await complaintProcess();

    // when
    const script = element(process, 'Task_Acknowledge', 'scriptTask');

    // then
    expect(script.expression.source).toBe('"已受理：" + title');
    expect(script.resultVariable).toBe('receipt');
    expect(process.elements.get('Task_Letter')?.kind).toBe('passThroughTask');
    expect(process.elements.get('Task_Log')?.kind).toBe('passThroughTask');
  });

  it('should give the embedded sub-process its own scope', async () => {
    // given
    const process = await complaintProcess();

    // when
    const sub = element(process, 'SubProcess_Review', 'subProcess');

    // then
    expect(sub.triggeredByEvent).toBe(false);
    expect(sub.scope).toEqual({
      id: 'SubProcess_Review',
      noneStartId: 'StartEvent_Review',
      startEventIds: ['StartEvent_Review'],
      eventSubProcessIds: [],
      childIds: ['StartEvent_Review', 'Task_Visit', 'Task_Score', 'EndEvent_Review'],
    });
    expect(sub.io?.inputs[0]?.target).toBe('reviewed');
    expect(process.flows.get('Flow_ReviewStart')).toMatchObject({ sourceId: 'StartEvent_Review', targetId: 'Task_Visit' });
  });

  it('should know which elements can still reach an inclusive join', async () => {
    // given
    const process = await complaintProcess();

    // when
    const reach = process.canReachInclusiveJoin.get('Gateway_NotifyJoin');

    // then
    expect([...(reach ?? [])].sort()).toEqual(
      ['Gateway_Category', 'Gateway_Merge', 'Gateway_Notify', 'StartEvent_Received', 'Task_Acknowledge', 'Task_Dispatch', 'Task_Letter', 'Task_Log', 'Task_Register', 'Task_Sms'].sort(),
    );
    expect(reach?.has('SubProcess_Review')).toBe(false);
  });
});
