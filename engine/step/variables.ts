import type { ElementInstanceState, InstanceState } from '../state/instance-state.js';
import type { JsonObject, JsonValue } from '../state/json.js';

/**
 * Variable scopes form a chain: an element instance's local variables, then those of its
 * enclosing sub-process instances, then the process scope.
 */
export function lookupVariable(state: InstanceState, from: ElementInstanceState | null, name: string): JsonValue | undefined {
  let current: ElementInstanceState | null | undefined = from;
  while (current) {
    const vars = current.variables;
    if (vars && Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    current = current.parentId === null ? null : state.elements[current.parentId];
  }
  return Object.prototype.hasOwnProperty.call(state.variables, name) ? state.variables[name] : undefined;
}

/** Every variable visible from an element instance, inner scopes shadowing outer ones. */
export function visibleVariables(state: InstanceState, from: ElementInstanceState | null): JsonObject {
  const chain: JsonObject[] = [];
  let current: ElementInstanceState | null | undefined = from;
  while (current) {
    if (current.variables) chain.push(current.variables);
    current = current.parentId === null ? null : state.elements[current.parentId];
  }
  const result: JsonObject = { ...state.variables };
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(result, chain[i]);
  return result;
}

/**
 * Where a propagated variable lands (Zeebe's rule): the nearest scope, starting at `from`,
 * that already holds it; else the process scope. Returns the owning element instance id or
 * null for the process scope, and the object to write into.
 */
export function propagationTarget(state: InstanceState, from: ElementInstanceState | null, name: string): { scope: string | null; vars: JsonObject } {
  let current: ElementInstanceState | null | undefined = from;
  while (current) {
    const vars = current.variables;
    if (vars && Object.prototype.hasOwnProperty.call(vars, name)) return { scope: current.id, vars };
    current = current.parentId === null ? null : state.elements[current.parentId];
  }
  return { scope: null, vars: state.variables };
}

/** Sets `a.b.c = value` inside an object, creating plain objects on the way. */
export function setPath(target: JsonObject, path: readonly string[], value: JsonValue): void {
  let node: JsonObject = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      const created: JsonObject = {};
      node[key] = created;
      node = created;
    } else {
      node = next;
    }
  }
  node[path[path.length - 1] as string] = value;
}
