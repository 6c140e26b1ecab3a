/**
 * A compact description of one template: nodes on a grid (column, row), flows between them.
 * `render-bpmn.ts` turns it into BPMN XML with diagram layout, the way Camunda Modeler saves it.
 */
export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'scriptTask'
  | 'callActivity'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent';

export interface NodeSpec {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name?: string;
  readonly col: number;
  readonly row: number;
  /** Inner XML lines of `bpmn:extensionElements` (zeebe:*). */
  readonly ext?: readonly string[];
  /** Event definition XML (timer, message, error, terminate …), with `{id}` replaced by a generated id. */
  readonly eventDefinition?: string;
  readonly attachedTo?: string;
  readonly cancelActivity?: boolean;
  /** Position of a boundary event along its host's bottom edge (0 = left, 1 = right). */
  readonly slot?: number;
  /** Multi-instance loop characteristics XML. */
  readonly loop?: string;
  readonly documentation?: string;
  /** Extra attributes, e.g. `messageRef` for a receive task. */
  readonly attrs?: Readonly<Record<string, string>>;
}

export interface FlowSpec {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly name?: string;
  /** FEEL condition, with the leading `=`. */
  readonly condition?: string;
  /** The gateway's default flow. */
  readonly isDefault?: boolean;
  /**
   * Route above (`over`) or below (`under`) the source row: backward flows (default over), or a
   * forward detour; `direct` draws a backward flow right to left as a plain path, not a loop.
   */
  readonly via?: 'over' | 'under' | 'direct';
  /** Distance step from the row for backward flows, so two loops do not share one line (negative: nearer the row). */
  readonly lane?: number;
}

export interface MessageSpec {
  readonly id: string;
  readonly name: string;
  /** FEEL correlation key, with the leading `=`. */
  readonly correlationKey: string;
}

export interface ErrorSpec {
  readonly id: string;
  readonly name: string;
  readonly errorCode: string;
}

export interface ProcessSpec {
  readonly id: string;
  readonly name: string;
  readonly documentation?: string;
  /** `zeebe:properties` of the process, e.g. `startableBy` (role keys the runtime lets start it). */
  readonly properties?: Readonly<Record<string, string>>;
  readonly nodes: readonly NodeSpec[];
  readonly flows: readonly FlowSpec[];
  readonly messages?: readonly MessageSpec[];
  readonly errors?: readonly ErrorSpec[];
}
