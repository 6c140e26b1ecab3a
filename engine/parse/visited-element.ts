import type { EventKind } from '../model/supported-elements.js';
import type { ModdleNode } from './moddle-node.js';

/** Every BPMN element met while building the model, for the rules that judge element types. */
export interface VisitedElement {
  readonly node: ModdleNode;
  /** The element the problem is reported on (for loop markers: the activity carrying them). */
  readonly id: string | null;
  readonly bpmnType: string;
  readonly eventKind: EventKind | null;
  readonly triggeredByEvent: boolean;
}
