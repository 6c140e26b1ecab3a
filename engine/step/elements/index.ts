import type { ElementDef, ElementKind } from '../../model/executable-model.js';
import { EngineError } from '../../errors.js';
import type { ElementBehavior } from './element-behavior.js';
import { endEvent } from './end-event.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { jobTask } from './job-task.js';
import { parallelGateway } from './parallel-gateway.js';
import { passThrough } from './pass-through.js';
import { scriptTask } from './script-task.js';
import { subProcess } from './sub-process.js';
import { userTask } from './user-task.js';

/** Refused at deploy time until an issue adds it; reaching it means validation let it through. */
const notYet: ElementBehavior = {
  activate(_run, def) {
    throw new EngineError('WF_INVALID_STATE', `element type ${def.bpmnType} (${def.id}) is not supported yet`);
  },
};

/** One behaviour per element kind: a missing kind is a compile error. */
const behaviors: { readonly [K in ElementKind]: ElementBehavior<Extract<ElementDef, { kind: K }>> } = {
  startEvent: passThrough,
  endEvent,
  intermediateCatchEvent: notYet,
  intermediateThrowEvent: notYet,
  boundaryEvent: notYet,
  userTask,
  jobTask,
  scriptTask,
  passThroughTask: passThrough,
  receiveTask: notYet,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway: notYet,
  subProcess,
  callActivity: notYet,
};

/** The behaviour for an element definition. */
export function behaviorOf(def: ElementDef): ElementBehavior {
  // The mapped type pairs each kind with its behaviour; TypeScript cannot follow the pairing through the index.
  return behaviors[def.kind] as ElementBehavior;
}
