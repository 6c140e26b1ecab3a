import type { ElementDef, MultiInstanceDef } from '../model/executable-model.js';
import type { ElementInstanceState } from '../state/instance-state.js';
import type { JsonObject, JsonValue } from '../state/json.js';
import { IncidentSignal } from './incident-signal.js';
import type { Run } from './run.js';

/** A multi-instance body: the element instance that owns the inner instances. */
export function isBody(instance: ElementInstanceState): boolean {
  return instance.loop !== undefined;
}

/** An inner instance of a multi-instance body. */
export function isInner(instance: ElementInstanceState): boolean {
  return instance.loopIndex !== undefined;
}

/**
 * Starts a multi-instance body: reads the input collection, sets Zeebe's loop variables on the
 * body and starts one inner instance (sequential) or all of them (parallel). An empty
 * collection completes at once.
 */
export function activateBody(run: Run, def: ElementDef, body: ElementInstanceState): void {
  const mi = def.multiInstance as MultiInstanceDef;
  const items = run.evaluate(mi.inputCollection, body, def.id);
  if (!Array.isArray(items)) {
    throw new IncidentSignal(
      'EXTRACT_VALUE_ERROR',
      `多实例 ${def.id} 的输入集合不是列表：${JSON.stringify(items)} / the input collection of ${def.id} is not a list`,
    );
  }
  body.loop = { items, nextIndex: 0, active: 0, completed: 0, terminated: 0 };
  const local: JsonObject = {};
  if (mi.outputCollection) local[mi.outputCollection] = items.map(() => null);
  body.variables = { ...body.variables, ...local };
  writeCounters(body);
  if (items.length === 0) {
    run.complete(body);
    return;
  }
  const first = mi.sequential ? 1 : items.length;
  for (let i = 0; i < first; i++) startInner(run, def, body);
}

function startInner(run: Run, def: ElementDef, body: ElementInstanceState): void {
  const loop = body.loop as NonNullable<ElementInstanceState['loop']>;
  const index = loop.nextIndex++;
  loop.active++;
  writeCounters(body);
  run.schedule({ op: 'activate', elementId: def.id, parentId: body.id, loopIndex: index });
}

/**
 * An inner instance is completing (its outputs applied, still in place): collect its output
 * element, update the counters, evaluate the completion condition in its scope. Returns what to
 * do once it is gone: start the next item, or complete the body.
 */
export function innerCompleted(run: Run, def: ElementDef, inner: ElementInstanceState): () => void {
  const mi = def.multiInstance as MultiInstanceDef;
  const body = run.instance(inner.parentId as string);
  const loop = body.loop as NonNullable<ElementInstanceState['loop']>;
  if (mi.outputCollection && mi.outputElement) {
    const value = run.evaluate(mi.outputElement, inner, def.id);
    const collection = body.variables?.[mi.outputCollection];
    if (Array.isArray(collection)) collection[inner.loopIndex as number] = value;
  }
  loop.active--;
  loop.completed++;
  writeCounters(body);
  const done = mi.completionCondition ? run.evaluate(mi.completionCondition, inner, def.id) === true : false;
  return () => {
    if (done) {
      for (const child of run.childrenOf(body.id)) {
        run.terminate(child);
        loop.terminated++;
      }
      writeCounters(body);
      run.complete(body);
    } else if (mi.sequential && loop.nextIndex < loop.items.length) {
      startInner(run, def, body);
    } else if (loop.active === 0 && loop.nextIndex >= loop.items.length) {
      run.complete(body);
    }
  };
}

/** Zeebe's loop variables, kept on the body so the completion condition can read them. */
function writeCounters(body: ElementInstanceState): void {
  const loop = body.loop as NonNullable<ElementInstanceState['loop']>;
  const counters: Record<string, JsonValue> = {
    numberOfInstances: loop.items.length,
    numberOfActiveInstances: loop.active,
    numberOfCompletedInstances: loop.completed,
    numberOfTerminatedInstances: loop.terminated,
  };
  body.variables = { ...body.variables, ...counters };
}
