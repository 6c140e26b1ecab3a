import { elementSupport, type EventKind } from '../../../../../engine/model/supported-elements.js';

/** What a palette or popup entry would create, as bpmn-js describes it. */
export interface ElementTarget {
  readonly type: string;
  readonly eventDefinitionType?: string;
  readonly triggeredByEvent?: boolean;
}

const kinds: Readonly<Record<string, EventKind>> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:CancelEventDefinition': 'cancel',
  'bpmn:ConditionalEventDefinition': 'conditional',
};

/** Whether the engine runs what this entry creates (the engine's table decides). */
export function targetSupported(target: ElementTarget): boolean {
  const isEvent = target.type.endsWith('Event');
  const eventKind = isEvent ? (target.eventDefinitionType === undefined ? 'none' : (kinds[target.eventDefinitionType] ?? 'multiple')) : undefined;
  return elementSupport(target.type, eventKind, { triggeredByEvent: target.triggeredByEvent === true }).status === 'supported';
}
