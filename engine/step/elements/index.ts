import type { ElementDef, ElementKind } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';
import { boundaryEvent } from './boundary-event.js';
import { callActivity } from './call-activity.js';
import { intermediateCatchEvent, receiveTask } from './catch-event.js';
import { endEvent } from './end-event.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { intermediateThrowEvent } from './intermediate-throw-event.js';
import { startEvent } from './start-event.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { jobTask } from './job-task.js';
import { parallelGateway } from './parallel-gateway.js';
import { passThrough } from './pass-through.js';
import { scriptTask } from './script-task.js';
import { subProcess } from './sub-process.js';
import { userTask } from './user-task.js';

/** One behaviour per element kind: a missing kind is a compile error. */
const behaviors: { readonly [K in ElementKind]: ElementBehavior<Extract<ElementDef, { kind: K }>> } = {
  startEvent,
  endEvent,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  userTask,
  jobTask,
  scriptTask,
  passThroughTask: passThrough,
  receiveTask,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  subProcess,
  callActivity,
};

/** The behaviour for an element definition. */
export function behaviorOf(def: ElementDef): ElementBehavior {
  // The mapped type pairs each kind with its behaviour; TypeScript cannot follow the pairing through the index.
  return behaviors[def.kind] as ElementBehavior;
}
