import { elementSupport, type EventKind } from '../../../engine/model/supported-elements.js';
import { isNode, nodesOf, type LintNode, type LintRuleFactory } from '../lint-node.js';

const kindByDefinition: Readonly<Record<string, EventKind>> = {
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

const eventTypes = new Set(['bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent']);

/** The event kind as the engine's table names it. */
export function eventKindOf(node: LintNode): EventKind | null {
  if (!eventTypes.has(node.$type)) return null;
  const definitions = nodesOf(node, 'eventDefinitions');
  if (definitions.length === 0) return 'none';
  if (definitions.length > 1) return 'multiple';
  return kindByDefinition[definitions[0]?.$type ?? ''] ?? 'multiple';
}

/** Elements that execute or draw: flow elements, loop markers and artefacts. */
function isChecked(node: LintNode): boolean {
  const parent = node.$parent;
  if (node.$type.startsWith('bpmn:') && node.$type.endsWith('LoopCharacteristics')) return true;
  if (!isNode(parent)) return false;
  return (
    nodesOf(parent, 'flowElements').includes(node) ||
    nodesOf(parent, 'artifacts').includes(node) ||
    nodesOf(parent, 'participants').includes(node) ||
    nodesOf(parent, 'messageFlows').includes(node)
  );
}

/**
 * Flags every element the engine does not run, from the engine's own table
 * (`engine/model/supported-elements.ts`), with its Chinese reason.
 */
export const supportedElement: LintRuleFactory = () => ({
  check(node, reporter) {
    if (!isChecked(node)) return;
    const triggeredByEvent = node.$type === 'bpmn:SubProcess' && node.triggeredByEvent === true;
    const support = elementSupport(node.$type, eventKindOf(node), { triggeredByEvent });
    if (support.status === 'supported') return;
    const label = support.entry?.label.zh ?? node.$type.replace('bpmn:', '');
    const reason = support.entry?.reason?.zh ?? '本引擎不支持';
    const id = node.$type.endsWith('LoopCharacteristics') && isNode(node.$parent) ? node.$parent.id : node.id;
    reporter.report(id, `不支持的元素：${label}（${reason}）`);
  },
});
