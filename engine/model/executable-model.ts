import type { CompiledExpression, ValueExpression } from '../feel/expression.js';

/**
 * The executable form of a deployed BPMN document: immutable, indexed, expressions compiled.
 * Built once by `parseBpmn`; the step function only reads it.
 */
export interface ExecutableModel {
  /** Executable processes by process id. */
  readonly processes: ReadonlyMap<string, ExecutableProcess>;
  /** Message, signal, error and escalation definitions by their BPMN id. */
  readonly messages: ReadonlyMap<string, MessageDef>;
  readonly signals: ReadonlyMap<string, SignalDef>;
  readonly errors: ReadonlyMap<string, ErrorDef>;
  readonly escalations: ReadonlyMap<string, EscalationDef>;
}

export interface ExecutableProcess {
  readonly id: string;
  readonly name: string | null;
  /** Every flow node of the process, nested ones included, by element id. */
  readonly elements: ReadonlyMap<string, ElementDef>;
  readonly flows: ReadonlyMap<string, FlowDef>;
  /** The process scope: its direct children. */
  readonly scope: ScopeDef;
  /**
   * For each inclusive gateway id: the element ids from which a token can still reach the
   * gateway without passing through it (computed once at deploy time).
   */
  readonly canReachInclusiveJoin: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A process or sub-process: what it directly contains. */
export interface ScopeDef {
  /** The process id or the sub-process element id. */
  readonly id: string;
  /** None start event (the one a plain start uses), if any. */
  readonly noneStartId: string | null;
  /** All start events directly in this scope (not those of event sub-processes). */
  readonly startEventIds: readonly string[];
  /** Event sub-processes directly in this scope. */
  readonly eventSubProcessIds: readonly string[];
  /** Every direct child flow node id. */
  readonly childIds: readonly string[];
}

export interface FlowDef {
  readonly id: string;
  readonly name: string | null;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition: CompiledExpression | null;
  /** Whether it is the default flow of its source gateway or activity. */
  readonly isDefault: boolean;
}

export interface IoMapping {
  readonly source: CompiledExpression;
  /** Target variable name (may be a dotted path, e.g. `a.b`). */
  readonly target: string;
}

export interface IoMappings {
  readonly inputs: readonly IoMapping[];
  readonly outputs: readonly IoMapping[];
}

/** Fields every flow node has. */
interface ElementBase {
  readonly id: string;
  readonly name: string | null;
  /** The BPMN type as written, e.g. `bpmn:UserTask`, for messages and history. */
  readonly bpmnType: string;
  /** Id of the enclosing process or sub-process. */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly io: IoMappings | null;
  /** Boundary events attached to this activity. */
  readonly boundaryEventIds: readonly string[];
  readonly multiInstance: MultiInstanceDef | null;
}

export interface MultiInstanceDef {
  readonly sequential: boolean;
  readonly inputCollection: CompiledExpression;
  readonly inputElement: string | null;
  readonly outputCollection: string | null;
  readonly outputElement: CompiledExpression | null;
  readonly completionCondition: CompiledExpression | null;
}

export type EventDefinitionDef =
  | { readonly kind: 'none' }
  | { readonly kind: 'terminate' }
  | { readonly kind: 'timer'; readonly timer: TimerDef }
  | { readonly kind: 'message'; readonly messageId: string | null }
  | { readonly kind: 'signal'; readonly signalId: string | null }
  | { readonly kind: 'error'; readonly errorId: string | null }
  | { readonly kind: 'escalation'; readonly escalationId: string | null }
  | { readonly kind: 'link'; readonly linkName: string };

export type TimerDef =
  | { readonly type: 'date'; readonly value: ValueExpression }
  | { readonly type: 'duration'; readonly value: ValueExpression }
  | { readonly type: 'cycle'; readonly value: ValueExpression };

export interface MessageDef {
  readonly id: string;
  /** Message name, static or FEEL. */
  readonly name: ValueExpression;
  readonly correlationKey: CompiledExpression | null;
}
export interface SignalDef { readonly id: string; readonly name: ValueExpression }
export interface ErrorDef { readonly id: string; readonly name: string | null; readonly errorCode: string | null }
export interface EscalationDef { readonly id: string; readonly name: string | null; readonly escalationCode: string | null }

export interface StartEventDef extends ElementBase {
  readonly kind: 'startEvent';
  readonly event: EventDefinitionDef;
  /** For a start event of an event sub-process: whether it interrupts its scope. */
  readonly interrupting: boolean;
  /** `zeebe:formDefinition formId`: the start form the runtime checks the start variables against. */
  readonly formId: string | null;
}
export interface EndEventDef extends ElementBase {
  readonly kind: 'endEvent';
  readonly event: EventDefinitionDef;
  /** Job type for message end events (a job the host carries out), else null. */
  readonly job: JobDef | null;
}
export interface IntermediateCatchEventDef extends ElementBase {
  readonly kind: 'intermediateCatchEvent';
  readonly event: EventDefinitionDef;
}
export interface IntermediateThrowEventDef extends ElementBase {
  readonly kind: 'intermediateThrowEvent';
  readonly event: EventDefinitionDef;
  readonly job: JobDef | null;
}
export interface BoundaryEventDef extends ElementBase {
  readonly kind: 'boundaryEvent';
  readonly event: EventDefinitionDef;
  readonly attachedToId: string;
  readonly cancelActivity: boolean;
}

export interface UserTaskDef extends ElementBase {
  readonly kind: 'userTask';
  readonly assignee: ValueExpression | null;
  readonly candidateGroups: ValueExpression | null;
  readonly candidateUsers: ValueExpression | null;
  readonly dueDate: ValueExpression | null;
  readonly followUpDate: ValueExpression | null;
  readonly priority: ValueExpression | null;
  readonly formId: ValueExpression | null;
  /** `zeebe:formDefinition formKey` or an embedded `zeebe:userTaskForm` reference. */
  readonly formKey: string | null;
  /** `zeebe:properties` name → value, for the runtime and designer. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface JobDef {
  readonly type: ValueExpression;
  readonly retries: ValueExpression;
  /** `zeebe:taskHeaders` key → value. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Service, send, business-rule and script tasks carried out by a job worker. */
export interface JobTaskDef extends ElementBase {
  readonly kind: 'jobTask';
  readonly job: JobDef;
}

/** Script task with `zeebe:script`: a FEEL expression whose value lands in a variable. */
export interface ScriptTaskDef extends ElementBase {
  readonly kind: 'scriptTask';
  readonly expression: CompiledExpression;
  readonly resultVariable: string;
}

/** Plain task and manual task: pass straight through. */
export interface PassThroughTaskDef extends ElementBase {
  readonly kind: 'passThroughTask';
}

export interface ReceiveTaskDef extends ElementBase {
  readonly kind: 'receiveTask';
  readonly messageId: string | null;
}

export interface GatewayDef extends ElementBase {
  readonly kind: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway' | 'eventBasedGateway';
  readonly defaultFlowId: string | null;
}

export interface SubProcessDef extends ElementBase {
  readonly kind: 'subProcess';
  readonly triggeredByEvent: boolean;
  readonly scope: ScopeDef;
}

export interface CallActivityDef extends ElementBase {
  readonly kind: 'callActivity';
  readonly calledProcessId: ValueExpression;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
}

export type ElementDef =
  | StartEventDef
  | EndEventDef
  | IntermediateCatchEventDef
  | IntermediateThrowEventDef
  | BoundaryEventDef
  | UserTaskDef
  | JobTaskDef
  | ScriptTaskDef
  | PassThroughTaskDef
  | ReceiveTaskDef
  | GatewayDef
  | SubProcessDef
  | CallActivityDef;

export type ElementKind = ElementDef['kind'];
