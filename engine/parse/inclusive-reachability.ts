import type { ElementDef, FlowDef, ScopeDef } from '../model/executable-model.js';

/**
 * For every inclusive gateway: the ids of the elements from which a token can still reach it
 * along sequence flows without passing through it. Reachability stays inside the gateway's
 * scope: a sub-process there is one node, and when it is in the set all its descendants are too
 * (so a token anywhere inside it counts without the caller walking up the scopes). A token on an
 * activity can leave through its boundary events; a link throw jumps to its link catch.
 * One backwards walk per gateway: O(gateways × scope size). A hostile model with thousands of
 * inclusive gateways could make that huge, so the total size of the sets is capped: past
 * `MAX_REACHABILITY_ENTRIES` the result is null and the caller refuses the model.
 */
export function computeInclusiveReachability(
  elements: ReadonlyMap<string, ElementDef>,
  flows: ReadonlyMap<string, FlowDef>,
  maxEntries: number = MAX_REACHABILITY_ENTRIES,
): Map<string, ReadonlySet<string>> | null {
  const result = new Map<string, ReadonlySet<string>>();
  const gateways = [...elements.values()].filter((element) => element.kind === 'inclusiveGateway');
  if (gateways.length === 0) return result;
  let budget = maxEntries;
  const linkThrowsByScopeAndName = indexLinkThrows(elements);
  const descendants = new Map<string, readonly string[]>();

  for (const gateway of gateways) {
    const reached = new Set<string>();
    const queue: string[] = [];
    const visit = (id: string): void => {
      if (id === gateway.id || reached.has(id)) return;
      reached.add(id);
      queue.push(id);
    };
    for (const flowId of gateway.incoming) {
      const flow = flows.get(flowId);
      if (flow) visit(flow.sourceId);
    }
    for (let i = 0; i < queue.length; i++) {
      const element = elements.get(queue[i] ?? '');
      if (!element) continue;
      for (const flowId of element.incoming) {
        const flow = flows.get(flowId);
        if (flow) visit(flow.sourceId);
      }
      if (element.kind === 'boundaryEvent') visit(element.attachedToId);
      if (element.kind === 'intermediateCatchEvent' && element.event.kind === 'link') {
        for (const throwId of linkThrowsByScopeAndName.get(`${element.scopeId}|${element.event.linkName}`) ?? []) visit(throwId);
      }
    }
    for (const id of [...reached]) {
      const element = elements.get(id);
      if (element?.kind === 'subProcess') for (const inner of descendantsOf(element.scope, elements, descendants)) reached.add(inner);
    }
    budget -= reached.size;
    if (budget < 0) return null;
    result.set(gateway.id, reached);
  }
  return result;
}

/** Far above any real model (100 inclusive joins in a 10,000-element process), far below memory trouble. */
export const MAX_REACHABILITY_ENTRIES = 1_000_000;

function indexLinkThrows(elements: ReadonlyMap<string, ElementDef>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const element of elements.values()) {
    if (element.kind !== 'intermediateThrowEvent' || element.event.kind !== 'link') continue;
    const key = `${element.scopeId}|${element.event.linkName}`;
    const list = index.get(key);
    if (list) list.push(element.id);
    else index.set(key, [element.id]);
  }
  return index;
}

/** Every element nested (at any depth) in a scope; memoised, iterative. */
function descendantsOf(scope: ScopeDef, elements: ReadonlyMap<string, ElementDef>, memo: Map<string, readonly string[]>): readonly string[] {
  const cached = memo.get(scope.id);
  if (cached) return cached;
  const all: string[] = [];
  const pending: ScopeDef[] = [scope];
  for (let current = pending.pop(); current; current = pending.pop()) {
    for (const id of current.childIds) {
      all.push(id);
      const element = elements.get(id);
      if (element?.kind === 'subProcess') pending.push(element.scope);
    }
  }
  memo.set(scope.id, all);
  return all;
}
