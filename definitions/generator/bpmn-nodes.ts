import type { FlowSpec, NodeSpec } from './bpmn-spec.js';
import { xmlEscape as x } from './xml-escape.js';

/** Built-in job types the runtime carries out itself (runtime/services/connectors/connector.ts). */
export const JOB_NOTIFY = 'linli:notify:1';
export const JOB_WEBHOOK = 'linli:webhook:1';
export const JOB_PUBLIC_REPLY = 'linli:public-reply:1';

type Place = { readonly col: number; readonly row: number };
type Mapping = Readonly<Record<string, string>>;

function ioMapping(inputs: Mapping = {}, outputs: Mapping = {}): string[] {
  const inLines = Object.entries(inputs).map(([target, source]) => `  <zeebe:input source="${x(source)}" target="${x(target)}" />`);
  const outLines = Object.entries(outputs).map(([target, source]) => `  <zeebe:output source="${x(source)}" target="${x(target)}" />`);
  if (inLines.length + outLines.length === 0) return [];
  return ['<zeebe:ioMapping>', ...inLines, ...outLines, '</zeebe:ioMapping>'];
}

function headers(values: Mapping): string[] {
  const lines = Object.entries(values).map(([key, value]) => `  <zeebe:header key="${x(key)}" value="${x(value)}" />`);
  return lines.length === 0 ? [] : ['<zeebe:taskHeaders>', ...lines, '</zeebe:taskHeaders>'];
}

export function start(id: string, name: string, at: Place, options: { form?: string; eventDefinition?: string; outputs?: Mapping } = {}): NodeSpec {
  return {
    id,
    kind: 'startEvent',
    name,
    ...at,
    ext: [...(options.form ? [`<zeebe:formDefinition formId="${x(options.form)}" />`] : []), ...ioMapping({}, options.outputs)],
    ...(options.eventDefinition ? { eventDefinition: options.eventDefinition } : {}),
  };
}

export function end(id: string, name: string, at: Place, eventDefinition?: string): NodeSpec {
  return { id, kind: 'endEvent', name, ...at, ...(eventDefinition ? { eventDefinition } : {}) };
}

export interface UserTaskOptions {
  /** Candidate groups: DOMAIN.md role keys, comma-separated, or FEEL. */
  readonly groups: string;
  /** Assignee FEEL, e.g. `=initiator` (the person who started the case, set by the runtime). */
  readonly assignee?: string;
  readonly form: string;
  /** Due date FEEL, e.g. `=add working days(now(), 3)`. */
  readonly due?: string;
  readonly inputs?: Mapping;
  readonly outputs?: Mapping;
  readonly priority?: string;
  readonly loop?: string;
  readonly documentation?: string;
}

export function userTask(id: string, name: string, at: Place, o: UserTaskOptions): NodeSpec {
  return {
    id,
    kind: 'userTask',
    name,
    ...at,
    ext: [
      '<zeebe:userTask />',
      `<zeebe:formDefinition formId="${x(o.form)}" />`,
      `<zeebe:assignmentDefinition ${o.assignee ? `assignee="${x(o.assignee)}" ` : ''}candidateGroups="${x(o.groups)}" />`,
      ...(o.due ? [`<zeebe:taskSchedule dueDate="${x(o.due)}" />`] : []),
      ...(o.priority ? [`<zeebe:priorityDefinition priority="${x(o.priority)}" />`] : []),
      ...ioMapping(o.inputs, o.outputs),
    ],
    ...(o.loop ? { loop: o.loop } : {}),
    ...(o.documentation ? { documentation: o.documentation } : {}),
  };
}

/** In-app notification to role keys (`groups`) and/or users; `{{variable}}` placeholders are filled. */
export function notify(id: string, name: string, at: Place, o: { groups?: string; users?: string; title: string; body: string }): NodeSpec {
  return {
    id,
    kind: 'serviceTask',
    name,
    ...at,
    ext: [
      `<zeebe:taskDefinition type="${JOB_NOTIFY}" retries="3" />`,
      ...headers({ ...(o.groups ? { groups: o.groups } : {}), ...(o.users ? { users: o.users } : {}), title: o.title, body: o.body }),
    ],
  };
}

/** Publishes the public reply the resident sees (header `body`, or the variable named by `variable`). */
export function publicReply(id: string, name: string, at: Place, o: { body?: string; variable?: string }): NodeSpec {
  return {
    id,
    kind: 'sendTask',
    name,
    ...at,
    ext: [`<zeebe:taskDefinition type="${JOB_PUBLIC_REPLY}" retries="3" />`, ...headers({ ...(o.body ? { body: o.body } : {}), ...(o.variable ? { variable: o.variable } : {}) })],
  };
}

export function webhook(id: string, name: string, at: Place, o: { url: string; variables: string }): NodeSpec {
  return { id, kind: 'serviceTask', name, ...at, ext: [`<zeebe:taskDefinition type="${JOB_WEBHOOK}" retries="3" />`, ...headers({ url: o.url, variables: o.variables })] };
}

/** A FEEL computation (zeebe:script) whose result lands in `result`. */
export function script(id: string, name: string, at: Place, o: { expression: string; result: string }): NodeSpec {
  return { id, kind: 'scriptTask', name, ...at, ext: [`<zeebe:script expression="${x(o.expression)}" resultVariable="${x(o.result)}" />`] };
}

export function callActivity(
  id: string,
  name: string,
  at: Place,
  o: { processId: string; inputs?: Mapping; outputs?: Mapping; propagateAllChildVariables?: boolean; propagateAllParentVariables?: boolean },
): NodeSpec {
  return {
    id,
    kind: 'callActivity',
    name,
    ...at,
    ext: [
      // Only the mapped inputs go down and only the mapped outputs come back: a called template
      // must not see, or overwrite, the caller's own variables of the same name.
      `<zeebe:calledElement processId="${x(o.processId)}" propagateAllChildVariables="${o.propagateAllChildVariables ?? false}" propagateAllParentVariables="${o.propagateAllParentVariables ?? false}" />`,
      ...ioMapping(o.inputs, o.outputs),
    ],
  };
}

export function gateway(id: string, name: string, at: Place, kind: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway' | 'eventBasedGateway' = 'exclusiveGateway'): NodeSpec {
  return { id, kind, name, ...at };
}

export function timerDefinition(type: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return `<bpmn:timerEventDefinition id="{id}"><bpmn:${type} xsi:type="bpmn:tFormalExpression">${x(value)}</bpmn:${type}></bpmn:timerEventDefinition>`;
}

export function messageDefinition(messageId: string): string {
  return `<bpmn:messageEventDefinition id="{id}" messageRef="${x(messageId)}" />`;
}

export const terminateDefinition = '<bpmn:terminateEventDefinition id="{id}" />';

export function boundary(
  id: string,
  name: string,
  host: string,
  at: Place,
  o: { eventDefinition: string; interrupting?: boolean; slot?: number; outputs?: Mapping },
): NodeSpec {
  return {
    id,
    kind: 'boundaryEvent',
    name,
    ...at,
    attachedTo: host,
    cancelActivity: o.interrupting ?? true,
    slot: o.slot ?? 0,
    eventDefinition: o.eventDefinition,
    ext: ioMapping({}, o.outputs),
  };
}

export function catchEvent(id: string, name: string, at: Place, eventDefinition: string, outputs?: Mapping): NodeSpec {
  return { id, kind: 'intermediateCatchEvent', name, ...at, eventDefinition, ext: ioMapping({}, outputs) };
}

/** A multi-instance marker over `collection`, one inner instance per `element` (parallel unless `sequential`). */
export function parallelLoop(o: { collection: string; element: string; outputCollection?: string; outputElement?: string; completion?: string; sequential?: boolean }): string {
  const zeebe = `<zeebe:loopCharacteristics inputCollection="${x(o.collection)}" inputElement="${x(o.element)}"${
    o.outputCollection ? ` outputCollection="${x(o.outputCollection)}"` : ''
  }${o.outputElement ? ` outputElement="${x(o.outputElement)}"` : ''} />`;
  const completion = o.completion ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${x(o.completion)}</bpmn:completionCondition>` : '';
  const open = o.sequential ? '<bpmn:multiInstanceLoopCharacteristics isSequential="true">' : '<bpmn:multiInstanceLoopCharacteristics>';
  return `${open}<bpmn:extensionElements>${zeebe}</bpmn:extensionElements>${completion}</bpmn:multiInstanceLoopCharacteristics>`;
}

/** A flow with a generated id `Flow_<from>_<to>` unless one is given. */
export function flow(from: string, to: string, o: Omit<FlowSpec, 'id' | 'from' | 'to'> & { id?: string } = {}): FlowSpec {
  return { id: o.id ?? `Flow_${from}_${to}`, from, to, ...o };
}
