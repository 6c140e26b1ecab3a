import type {
  ElementDef,
  EventDefinitionDef,
  FlowDef,
  GatewayDef,
  JobDef,
  ScopeDef,
} from '../model/executable-model.js';
import { elementSupport, type EventKind } from '../model/supported-elements.js';
import { brokenExpression, feelOrReport, valueOrReport } from './compile-expressions.js';
import { attr, boolAttr, child, expressionBody, extension, idOf, nodes, type ModdleNode } from './moddle-node.js';
import type { ProblemCollector } from './problem-collector.js';
import { eventKindOf, readEventDefinition, type EventRole } from './read-event-definition.js';
import { readIoMapping, readJob, readMultiInstance, readProperties, readTaskHeaders } from './read-zeebe.js';
import type { VisitedElement } from './visited-element.js';

const eventTypes = new Set(['bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent']);
const gatewayKinds: Readonly<Record<string, GatewayDef['kind']>> = {
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};
const activityTypes = new Set([
  'bpmn:Task', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:ScriptTask',
  'bpmn:ManualTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:Transaction', 'bpmn:AdHocSubProcess',
]);

/** What the builder of one process shares across its (nested) scopes. */
export interface ProcessBuildContext {
  readonly report: ProblemCollector;
  readonly visited: VisitedElement[];
  readonly elements: Map<string, ElementDef>;
  readonly flows: Map<string, FlowDef>;
  /** Ids already used anywhere in the document. */
  readonly seenIds: Set<string>;
  /** `elementId|property` of references the XML parser could not resolve (already reported). */
  readonly unresolved: ReadonlySet<string>;
}

/** Builds the elements and flows directly inside a process or sub-process, recursing into sub-processes. */
export function buildScope(container: ModdleNode, scopeId: string, ctx: ProcessBuildContext): ScopeDef {
  const { report } = ctx;
  const children = new Map<string, ModdleNode>();
  const sequenceFlows: ModdleNode[] = [];
  for (const node of nodes(container, 'flowElements')) {
    if (node.$type === 'bpmn:SequenceFlow') {
      sequenceFlows.push(node);
      continue;
    }
    const id = idOf(node);
    if (id === null) {
      reportMissingId(container, node, ctx);
      continue;
    }
    if (ctx.seenIds.has(id)) {
      report.add(node, 'id', `id "${id}" 重复使用`, `the id "${id}" is used more than once`);
      continue;
    }
    ctx.seenIds.add(id);
    children.set(id, node);
  }
  for (const artifact of nodes(container, 'artifacts')) {
    ctx.visited.push({ node: artifact, id: idOf(artifact), bpmnType: artifact.$type, eventKind: null, triggeredByEvent: false });
  }

  const { incoming, outgoing } = buildFlows(container, sequenceFlows, children, ctx);
  const boundaries = attachBoundaries(children, ctx);

  const childIds: string[] = [];
  const startEventIds: string[] = [];
  const eventSubProcessIds: string[] = [];
  let noneStartId: string | null = null;
  for (const [id, node] of children) {
    const eventKind: EventKind | null = eventTypes.has(node.$type) ? eventKindOf(node) : null;
    const triggeredByEvent = node.$type === 'bpmn:SubProcess' && node['triggeredByEvent'] === true;
    ctx.visited.push({ node, id, bpmnType: node.$type, eventKind, triggeredByEvent });
    // Data objects and stores are flow elements but not flow nodes: nothing runs there.
    if (elementSupport(node.$type).entry?.executable === false) continue;
    childIds.push(id);
    const loop = child(node, 'loopCharacteristics');
    if (loop) ctx.visited.push({ node, id, bpmnType: loop.$type, eventKind: null, triggeredByEvent: false });

    const base = {
      id,
      name: attr(node, 'name'),
      bpmnType: node.$type,
      scopeId,
      incoming: incoming.get(id) ?? [],
      outgoing: ordered(node, outgoing.get(id) ?? []),
      io: readIoMapping(node, report),
      boundaryEventIds: boundaries.get(id) ?? [],
      multiInstance: readMultiInstance(node, report),
    };
    // Judged on the XML, not on what was built, so one broken start event does not also read as "no start event".
    if (node.$type === 'bpmn:StartEvent') {
      startEventIds.push(id);
      if (eventKind === 'none' && noneStartId === null) noneStartId = id;
    }
    if (triggeredByEvent) eventSubProcessIds.push(id);
    const element = buildElement(node, base, ctx);
    if (element) ctx.elements.set(id, element);
  }
  return { id: scopeId, noneStartId, startEventIds, eventSubProcessIds, childIds };
}

type Base = Omit<ElementDef, 'kind'> & { readonly boundaryEventIds: readonly string[] };

function buildElement(node: ModdleNode, base: Base, ctx: ProcessBuildContext): ElementDef | null {
  const { report } = ctx;
  const event = (role: EventRole): EventDefinitionDef | null => readEventDefinition(node, role, report);
  switch (node.$type) {
    case 'bpmn:StartEvent': {
      const definition = event('catch');
      const form = extension(node, 'zeebe:FormDefinition');
      const formId = form ? attr(form, 'formId') : null;
      return definition && { ...base, kind: 'startEvent', event: definition, interrupting: boolAttr(node, 'isInterrupting') !== false, formId };
    }
    case 'bpmn:EndEvent': {
      const definition = event('throw');
      return definition && { ...base, kind: 'endEvent', event: definition, job: messageThrowJob(node, definition, ctx) };
    }
    case 'bpmn:IntermediateCatchEvent': {
      const definition = event('catch');
      return definition && { ...base, kind: 'intermediateCatchEvent', event: definition };
    }
    case 'bpmn:IntermediateThrowEvent': {
      const definition = event('throw');
      return definition && { ...base, kind: 'intermediateThrowEvent', event: definition, job: messageThrowJob(node, definition, ctx) };
    }
    case 'bpmn:BoundaryEvent': {
      const definition = event('catch');
      const attachedTo = child(node, 'attachedToRef');
      const attachedToId = attachedTo ? idOf(attachedTo) : null;
      return definition && attachedToId !== null
        ? { ...base, kind: 'boundaryEvent', event: definition, attachedToId, cancelActivity: boolAttr(node, 'cancelActivity') !== false }
        : null;
    }
    case 'bpmn:UserTask':
      return buildUserTask(node, base, ctx);
    case 'bpmn:ServiceTask':
    case 'bpmn:SendTask':
    case 'bpmn:BusinessRuleTask': {
      const job = readJob(node, report) ?? decisionJob(node, ctx);
      if (!job) {
        reportMissingJobType(node, ctx);
        return null;
      }
      return { ...base, kind: 'jobTask', job };
    }
    case 'bpmn:ScriptTask':
      return buildScriptTask(node, base, ctx);
    case 'bpmn:Task':
    case 'bpmn:ManualTask':
      return { ...base, kind: 'passThroughTask' };
    case 'bpmn:ReceiveTask': {
      const message = child(node, 'messageRef');
      const messageId = message ? idOf(message) : null;
      if (messageId === null && !ctx.unresolved.has(`${base.id}|bpmn:messageRef`)) {
        report.add(node, 'messageRef', '接收任务没有选择消息', 'the receive task does not reference a message');
      }
      return { ...base, kind: 'receiveTask', messageId };
    }
    case 'bpmn:ExclusiveGateway':
    case 'bpmn:ParallelGateway':
    case 'bpmn:InclusiveGateway':
    case 'bpmn:EventBasedGateway': {
      const kind = gatewayKinds[node.$type];
      const defaultFlow = child(node, 'default');
      return kind ? { ...base, kind, defaultFlowId: defaultFlow ? idOf(defaultFlow) : null } : null;
    }
    case 'bpmn:SubProcess': {
      const scope = buildScope(node, base.id, ctx);
      return { ...base, kind: 'subProcess', triggeredByEvent: node['triggeredByEvent'] === true, scope };
    }
    case 'bpmn:CallActivity':
      return buildCallActivity(node, base, ctx);
    default:
      // Anything else is refused by the support table rule; nothing to build.
      return null;
  }
}

function buildUserTask(node: ModdleNode, base: Base, ctx: ProcessBuildContext): ElementDef {
  const { report } = ctx;
  const value = (extensionType: string, key: string, field: string) => {
    const ext = extension(node, extensionType);
    const text = ext ? attr(ext, key) : null;
    return text === null ? null : valueOrReport(report, node, field, text);
  };
  const form = extension(node, 'zeebe:FormDefinition');
  return {
    ...base,
    kind: 'userTask',
    assignee: value('zeebe:AssignmentDefinition', 'assignee', 'zeebe:assignmentDefinition.assignee'),
    candidateGroups: value('zeebe:AssignmentDefinition', 'candidateGroups', 'zeebe:assignmentDefinition.candidateGroups'),
    candidateUsers: value('zeebe:AssignmentDefinition', 'candidateUsers', 'zeebe:assignmentDefinition.candidateUsers'),
    dueDate: value('zeebe:TaskSchedule', 'dueDate', 'zeebe:taskSchedule.dueDate'),
    followUpDate: value('zeebe:TaskSchedule', 'followUpDate', 'zeebe:taskSchedule.followUpDate'),
    priority: value('zeebe:PriorityDefinition', 'priority', 'zeebe:priorityDefinition.priority'),
    formId: value('zeebe:FormDefinition', 'formId', 'zeebe:formDefinition.formId'),
    formKey: form ? attr(form, 'formKey') : null,
    properties: readProperties(node),
  };
}

function buildScriptTask(node: ModdleNode, base: Base, ctx: ProcessBuildContext): ElementDef | null {
  const { report } = ctx;
  const job = readJob(node, report);
  if (job) return { ...base, kind: 'jobTask', job };
  const script = extension(node, 'zeebe:Script');
  const expression = script ? attr(script, 'expression') : null;
  if (!script || expression === null) {
    report.add(
      node,
      'zeebe:script',
      '脚本任务既没有 FEEL 脚本（zeebe:script），也没有任务类型（zeebe:taskDefinition）',
      'the script task has neither a FEEL script (zeebe:script) nor a job type (zeebe:taskDefinition)',
    );
    return null;
  }
  const resultVariable = attr(script, 'resultVariable');
  if (resultVariable === null) {
    report.add(node, 'zeebe:script.resultVariable', '脚本任务缺少结果变量名', 'the script task has no result variable');
  }
  return { ...base, kind: 'scriptTask', expression: feelOrReport(report, node, 'zeebe:script.expression', expression), resultVariable: resultVariable ?? '' };
}

function buildCallActivity(node: ModdleNode, base: Base, ctx: ProcessBuildContext): ElementDef | null {
  const { report } = ctx;
  const called = extension(node, 'zeebe:CalledElement');
  const processId = called ? (attr(called, 'processId') ?? attr(called, 'processIdExpression')) : null;
  if (!called || processId === null) {
    report.add(node, 'zeebe:calledElement.processId', '调用活动没有指定被调用的流程 id', 'the call activity does not name the process to call');
    return null;
  }
  return {
    ...base,
    kind: 'callActivity',
    calledProcessId: valueOrReport(report, node, 'zeebe:calledElement.processId', processId),
    propagateAllChildVariables: boolAttr(called, 'propagateAllChildVariables') !== false,
    propagateAllParentVariables: boolAttr(called, 'propagateAllParentVariables') !== false,
  };
}

/** Camunda 8 sends messages from throw/end events through a job worker. */
function messageThrowJob(node: ModdleNode, definition: EventDefinitionDef, ctx: ProcessBuildContext) {
  if (definition.kind !== 'message') return null;
  const job = readJob(node, ctx.report);
  if (!job) reportMissingJobType(node, ctx);
  return job;
}

/** Job type of business-rule tasks that call a DMN decision: the engine has no DMN evaluator yet. */
export const DECISION_JOB_TYPE = 'dmn-decision';

/**
 * `zeebe:calledDecision` becomes a job of type `dmn-decision` with the decision id and result
 * variable as headers, so a worker (or a DMN connector) evaluates it instead of the engine.
 */
function decisionJob(node: ModdleNode, ctx: ProcessBuildContext): JobDef | null {
  const called = extension(node, 'zeebe:CalledDecision');
  if (!called) return null;
  const decisionId = attr(called, 'decisionId');
  const resultVariable = attr(called, 'resultVariable');
  if (!decisionId || !resultVariable) {
    ctx.report.add(node, 'zeebe:calledDecision', '调用决策需要决策 ID 和结果变量', 'a called decision needs a decisionId and a resultVariable');
    return null;
  }
  return {
    type: { kind: 'static', value: DECISION_JOB_TYPE },
    retries: { kind: 'static', value: '3' },
    headers: { ...readTaskHeaders(node), decisionId, resultVariable },
  };
}

function reportMissingJobType(node: ModdleNode, ctx: ProcessBuildContext): void {
  if (extension(node, 'zeebe:CalledDecision')) return;
  ctx.report.add(node, 'zeebe:taskDefinition.type', '缺少任务类型（zeebe:taskDefinition type），没有作业处理程序能执行它', 'the job type (zeebe:taskDefinition type) is missing, so no worker can carry it out');
}

/** Sequence flows of one scope, with their ends checked and conditions compiled. */
function buildFlows(container: ModdleNode, sequenceFlows: readonly ModdleNode[], children: ReadonlyMap<string, ModdleNode>, ctx: ProcessBuildContext) {
  const { report } = ctx;
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  const defaultFlowOwner = new Map<string, string>();
  for (const [id, node] of children) {
    const defaultFlow = child(node, 'default');
    const defaultId = defaultFlow ? idOf(defaultFlow) : null;
    if (defaultId !== null) defaultFlowOwner.set(defaultId, id);
  }
  for (const flow of sequenceFlows) {
    const id = idOf(flow);
    ctx.visited.push({ node: flow, id, bpmnType: flow.$type, eventKind: null, triggeredByEvent: false });
    if (id === null) {
      reportMissingId(container, flow, ctx);
      continue;
    }
    if (ctx.seenIds.has(id)) {
      report.add(flow, 'id', `id "${id}" 重复使用`, `the id "${id}" is used more than once`);
      continue;
    }
    ctx.seenIds.add(id);
    const sourceId = flowEnd(flow, 'sourceRef', children, ctx);
    const targetId = flowEnd(flow, 'targetRef', children, ctx);
    const condition = readCondition(flow, ctx);
    if (sourceId === null || targetId === null) continue;
    push(outgoing, sourceId, id);
    push(incoming, targetId, id);
    ctx.flows.set(id, { id, name: attr(flow, 'name'), sourceId, targetId, condition, isDefault: defaultFlowOwner.get(id) === sourceId });
  }
  for (const [flowId, ownerId] of defaultFlowOwner) {
    if (!(outgoing.get(ownerId) ?? []).includes(flowId)) {
      const owner = children.get(ownerId);
      report.add(owner ?? null, 'default', `默认流 "${flowId}" 不是该元素的出口顺序流`, `the default flow "${flowId}" is not an outgoing flow of this element`);
    }
  }
  return { incoming, outgoing };
}

function flowEnd(flow: ModdleNode, key: 'sourceRef' | 'targetRef', children: ReadonlyMap<string, ModdleNode>, ctx: ProcessBuildContext): string | null {
  const end = child(flow, key);
  const endId = end ? idOf(end) : null;
  const zhEnd = key === 'sourceRef' ? '起点' : '终点';
  const enEnd = key === 'sourceRef' ? 'source' : 'target';
  if (endId === null) {
    if (!ctx.unresolved.has(`${idOf(flow) ?? ''}|bpmn:${key}`)) {
      ctx.report.add(flow, key, `顺序流缺少${zhEnd}`, `the sequence flow has no ${enEnd}`);
    }
    return null;
  }
  if (!children.has(endId)) {
    ctx.report.add(flow, key, `顺序流的${zhEnd} "${endId}" 不在同一个流程或子流程中`, `the sequence flow's ${enEnd} "${endId}" is not in the same process or sub-process`);
    return null;
  }
  return endId;
}

function readCondition(flow: ModdleNode, ctx: ProcessBuildContext) {
  const body = expressionBody(flow, 'conditionExpression');
  if (body === null || body.trim() === '') return null;
  const text = body.trim();
  if (!text.startsWith('=')) {
    ctx.report.add(
      flow,
      'conditionExpression',
      `条件必须写成以 "=" 开头的 FEEL 表达式，例如 "=${text}"`,
      `the condition must be a FEEL expression starting with "=", e.g. "=${text}"`,
    );
    // Keep it counted as a condition, so the gateway rule does not report the same flow again.
    return brokenExpression(text);
  }
  return feelOrReport(ctx.report, flow, 'conditionExpression', text);
}

/** Boundary events of this scope by the activity they are attached to. */
function attachBoundaries(children: ReadonlyMap<string, ModdleNode>, ctx: ProcessBuildContext): Map<string, string[]> {
  const byActivity = new Map<string, string[]>();
  for (const [id, node] of children) {
    if (node.$type !== 'bpmn:BoundaryEvent') continue;
    const attachedTo = child(node, 'attachedToRef');
    const attachedToId = attachedTo ? idOf(attachedTo) : null;
    if (attachedToId === null) {
      if (!ctx.unresolved.has(`${id}|bpmn:attachedToRef`)) {
        ctx.report.add(node, 'attachedToRef', '边界事件没有附着在任何活动上', 'the boundary event is not attached to an activity');
      }
      continue;
    }
    const target = children.get(attachedToId);
    if (!target || !activityTypes.has(target.$type)) {
      ctx.report.add(node, 'attachedToRef', `边界事件附着的 "${attachedToId}" 不是同一流程中的活动`, `the boundary event is attached to "${attachedToId}", which is not an activity in the same process`);
      continue;
    }
    push(byActivity, attachedToId, id);
  }
  return byActivity;
}

/** Outgoing flows in the order the element lists them (`<bpmn:outgoing>`), then document order. */
function ordered(node: ModdleNode, flowIds: readonly string[]): readonly string[] {
  if (flowIds.length < 2) return flowIds;
  const actual = new Set(flowIds);
  const listed = nodes(node, 'outgoing').map(idOf).filter((id): id is string => id !== null && actual.has(id));
  return [...new Set([...listed, ...flowIds])];
}

/** An element without an id cannot be pointed at; the problem goes on its (sub-)process instead. */
function reportMissingId(container: ModdleNode, node: ModdleNode, ctx: ProcessBuildContext): void {
  const name = attr(node, 'name');
  const what = `${node.$type}${name === null ? '' : ` "${name}"`}`;
  ctx.report.add(container, 'id', `其中的元素 ${what} 缺少 id`, `the element ${what} inside it has no id`);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
