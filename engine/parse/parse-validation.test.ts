import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationProblem } from '../errors.js';
import { loadFixture } from '../../tests/helpers/load-parse-fixture.js';
import { parseBpmn } from './parse-bpmn.js';

async function problemsOf(xml: string): Promise<readonly ValidationProblem[]> {
  try {
    await parseBpmn(xml);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

function lineOf(xml: string, text: string): number {
  return xml.split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe('deploy-time validation', () => {
  it('should collect every problem of a broken model, each with element, type and position', async () => {
    // given
    const xml = loadFixture('broken-repair-request.bpmn');

    // when
    const problems = await problemsOf(xml);

    // then
    const summary = problems.map((p) => [p.elementId, p.elementType, p.field ?? null]);
    expect(summary).toEqual([
      ['Task_NoType', 'bpmn:ServiceTask', 'zeebe:taskDefinition.type'],
      ['Gateway_Undecided', 'bpmn:ExclusiveGateway', 'conditionExpression'],
      ['Task_EmptyScript', 'bpmn:ScriptTask', 'zeebe:script'],
      ['Task_BadFeel', 'bpmn:UserTask', 'zeebe:assignmentDefinition.assignee'],
      ['Gateway_DeadEnd', 'bpmn:ExclusiveGateway', 'outgoing'],
      ['Event_Reminder', 'bpmn:BoundaryEvent', null],
      ['Flow_Yes', 'bpmn:SequenceFlow', 'conditionExpression'],
      ['Flow_Dangling', 'bpmn:SequenceFlow', 'targetRef'],
    ]);
    for (const problem of problems) {
      expect(problem.line).toBe(lineOf(xml, `id="${problem.elementId}"`));
      expect(problem.column).toBeGreaterThan(0);
      expect(problem.message).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [ -~"“”]+/);
    }
  });

  it('should say why each problem matters in words a secretary can act on', async () => {
    // given
    const xml = loadFixture('broken-repair-request.bpmn');

    // when
    const problems = await problemsOf(xml);
    const messageOf = (id: string) => problems.find((p) => p.elementId === id)?.message ?? '';

    // then
    expect(messageOf('Gateway_Undecided')).toContain('顺序流 Flow_No 没有条件，也没有设置默认流');
    expect(messageOf('Task_BadFeel')).toContain('zeebe:assignmentDefinition.assignee 的 FEEL 表达式无法解析');
    expect(messageOf('Flow_Yes')).toContain('以 "=" 开头的 FEEL 表达式');
    expect(messageOf('Flow_Dangling')).toContain('引用的元素 "Task_Gone" 不存在');
    expect(messageOf('Event_Reminder')).toContain('暂不支持“条件边界事件”');
  });

  it('should refuse a model whose process is not executable', async () => {
    // given
    const xml = loadFixture('not-executable.bpmn');

    // when
    const problems = await problemsOf(xml);

    // then
    expect(problems).toEqual([
      expect.objectContaining({
        elementId: 'draft-notice',
        elementType: 'bpmn:Process',
        field: 'isExecutable',
        message: expect.stringContaining('流程未标记为可执行 isExecutable=true'),
        line: lineOf(xml, 'id="draft-notice"'),
      }),
    ]);
  });

  it('should deploy terminate end events and loops through gateways', async () => {
    // given
    const xml = loadFixture('terminate-and-loop.bpmn');

    // when
    const model = await parseBpmn(xml);

    // then
    const process = model.processes.get('review-rounds');
    expect(process?.elements.get('EndEvent_Terminate')).toMatchObject({ kind: 'endEvent', event: { kind: 'terminate' } });
    expect(process?.flows.get('Flow_Again')?.condition?.source).toBe('round < 3');
  });

  it('should let a looping inclusive join wait for tokens that can come round again, counting a sub-process as one node', async () => {
    // given
    const model = await parseBpmn(loadFixture('terminate-and-loop.bpmn'));

    // when
    const reach = model.processes.get('review-rounds')?.canReachInclusiveJoin.get('Gateway_Join');

    // then: everything before the join, also the loop back through the split, and the inside of SubProcess_B
    expect([...(reach ?? [])].sort()).toEqual(
      ['EndEvent_B', 'Gateway_Check', 'Gateway_Split', 'StartEvent_1', 'StartEvent_B', 'SubProcess_B', 'Task_A', 'Task_B'].sort(),
    );
    expect(reach?.has('Gateway_Join')).toBe(false);
    expect(reach?.has('EndEvent_Terminate')).toBe(false);
  });

  describe('rules on small edits of a valid model', () => {
    const valid = loadFixture('complaint-handling.bpmn');

    it('should refuse a condition that is not FEEL', async () => {
      // when
      const problems = await problemsOf(valid.replace('>=category = "repair"<', '>${category == "repair"}<'));

      // then
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Flow_Repair', field: 'conditionExpression' })]);
    });

    it('should refuse FEEL that does not parse and name the attribute', async () => {
      // when
      const problems = await problemsOf(valid.replace('type="dispatch-repair" retries="5"', 'type="dispatch-repair" retries="=3 +"'));

      // then
      expect(problems).toEqual([
        expect.objectContaining({ elementId: 'Task_Dispatch', field: 'zeebe:taskDefinition.retries', message: expect.stringContaining('FEEL 语法错误') }),
      ]);
    });

    it('should refuse a default flow that does not leave the gateway', async () => {
      // when
      const problems = await problemsOf(valid.replace('name="类别？" default="Flow_Other"', 'name="类别？" default="Flow_ToEnd"'));

      // then
      expect(problems).toContainEqual(expect.objectContaining({ elementId: 'Gateway_Category', field: 'default', message: expect.stringContaining('Flow_ToEnd') }));
    });

    it('should refuse a reference to an element that does not exist', async () => {
      // when
      const problems = await problemsOf(valid.replace('default="Flow_NotifyLog"', 'default="Flow_Nowhere"'));

      // then
      expect(problems).toEqual([
        expect.objectContaining({ elementId: 'Gateway_Notify', field: 'default', message: expect.stringContaining('"Flow_Nowhere" 不存在') }),
        expect.objectContaining({ elementId: 'Gateway_Notify', field: 'conditionExpression', message: expect.stringContaining('Flow_NotifyLog') }),
      ]);
    });

    it('should refuse an inclusive split with unconditioned flows and no default', async () => {
      // when
      const problems = await problemsOf(valid.replace(' default="Flow_NotifyLog"', ''));

      // then
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Gateway_Notify', elementType: 'bpmn:InclusiveGateway' })]);
    });

    it('should refuse a condition on a flow that does not leave a deciding gateway', async () => {
      // when
      const problems = await problemsOf(
        valid.replace(
          '<bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Gateway_Join" targetRef="EndEvent_Done" />',
          '<bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Gateway_Join" targetRef="EndEvent_Done"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=true</bpmn:conditionExpression></bpmn:sequenceFlow>',
        ),
      );

      // then
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Flow_ToEnd', message: expect.stringContaining('只有排他网关和包容网关') })]);
    });

    it('should refuse a sub-process without its none start event', async () => {
      // when
      const problems = await problemsOf(
        valid
          .replace('<bpmn:startEvent id="StartEvent_Review">\n        <bpmn:outgoing>Flow_ReviewStart</bpmn:outgoing>\n      </bpmn:startEvent>', '')
          .replace('<bpmn:sequenceFlow id="Flow_ReviewStart" sourceRef="StartEvent_Review" targetRef="Task_Visit" />', '')
          .replace('<bpmn:incoming>Flow_ReviewStart</bpmn:incoming>', ''),
      );

      // then
      expect(problems).toEqual([expect.objectContaining({ elementId: 'SubProcess_Review', field: 'startEvent' })]);
    });

    it('should refuse a process without a start event', async () => {
      // when
      const problems = await problemsOf(
        valid
          .replace('<bpmn:startEvent id="StartEvent_Received" name="收到投诉">\n      <bpmn:outgoing>Flow_ToRegister</bpmn:outgoing>\n    </bpmn:startEvent>', '')
          .replace('<bpmn:sequenceFlow id="Flow_ToRegister" sourceRef="StartEvent_Received" targetRef="Task_Register" />', '')
          .replace('<bpmn:incoming>Flow_ToRegister</bpmn:incoming>', ''),
      );

      // then
      expect(problems).toEqual([expect.objectContaining({ elementId: 'complaint-handling', elementType: 'bpmn:Process', field: 'startEvent' })]);
    });

    it('should refuse duplicate ids', async () => {
      // when
      const problems = await problemsOf(valid.replace('<bpmn:task id="Task_Log"', '<bpmn:task id="Task_Archive"'));

      // then
      expect(problems).toContainEqual(expect.objectContaining({ elementId: 'Task_Archive', field: 'id', message: expect.stringContaining('重复') }));
    });

    it('should refuse standard loops, listeners and a called decision without its result variable', async () => {
      // when
      const problems = await problemsOf(
        valid
          .replace(
            '<bpmn:incoming>Flow_ForkToArchive</bpmn:incoming>',
            '<bpmn:incoming>Flow_ForkToArchive</bpmn:incoming><bpmn:standardLoopCharacteristics />',
          )
          .replace('<zeebe:taskDefinition type="score" />', '<zeebe:calledDecision decisionId="score" />')
          .replace('<zeebe:userTask />', '<zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="creating" type="audit" /></zeebe:taskListeners>'),
      );

      // then
      expect(problems.map((p) => [p.elementId, p.elementType, p.field ?? null])).toEqual([
        ['Task_Register', 'bpmn:UserTask', 'zeebe:taskListeners'],
        ['Task_Score', 'bpmn:BusinessRuleTask', 'zeebe:calledDecision'],
        ['Task_Archive', 'bpmn:StandardLoopCharacteristics', null],
      ]);
    });

    it('should refuse flows into a start event and out of an end event', async () => {
      // when
      const problems = await problemsOf(
        valid.replace(
          '<bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Gateway_Join" targetRef="EndEvent_Done" />',
          '<bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Gateway_Join" targetRef="EndEvent_Done" />\n    <bpmn:sequenceFlow id="Flow_Restart" sourceRef="EndEvent_Done" targetRef="StartEvent_Received" />',
        ),
      );

      // then
      expect(problems.map((p) => [p.elementId, p.field])).toEqual([
        ['StartEvent_Received', 'incoming'],
        ['EndEvent_Done', 'outgoing'],
      ]);
    });

    it('should refuse a catching message event whose message has no name', async () => {
      // given: the events fixture with the reply message's name removed
      const xml = loadFixture('event-elements.bpmn').replace('<bpmn:message id="Message_Reply" name="resident-reply">', '<bpmn:message id="Message_Reply">');

      // when
      const problems = await problemsOf(xml);

      // then
      expect(problems).toContainEqual(expect.objectContaining({ elementId: 'Boundary_Reply', field: 'messageRef', message: expect.stringContaining('没有名称') }));
    });

    it('should accept data objects and leave them out of the executable scope', async () => {
      // when
      const model = await parseBpmn(
        valid.replace(
          '<bpmn:textAnnotation id="TextAnnotation_1">',
          '<bpmn:dataObjectReference id="DataObjectReference_1" name="投诉单" dataObjectRef="DataObject_1" />\n    <bpmn:dataObject id="DataObject_1" />\n    <bpmn:textAnnotation id="TextAnnotation_1">',
        ),
      );

      // then
      const process = model.processes.get('complaint-handling');
      expect(process?.scope.childIds).not.toContain('DataObject_1');
      expect(process?.scope.childIds).not.toContain('DataObjectReference_1');
      expect(process?.elements.has('DataObject_1')).toBe(false);
    });
  });
});
