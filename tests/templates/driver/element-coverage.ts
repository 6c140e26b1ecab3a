import { readFileSync } from 'node:fs';

/**
 * Which elements of each template the in-memory scenarios of one test file entered, so the file
 * can check at the end that every branch, every loop exit, every timer and every message path of
 * its template was walked at least once (issue 8: "every branch, every loop limit, every timer").
 */
const visited = new Map<string, Set<string>>();
/** `source→target` pairs: an element entered right after another completed (how a flow between them shows in the history). */
const stepped = new Map<string, Set<string>>();

/** Records that a case of `processId` entered `elementId` (the in-memory driver calls this after every step). */
function recordVisit(processId: string, elementId: string): void {
  let seen = visited.get(processId);
  if (seen === undefined) {
    seen = new Set();
    visited.set(processId, seen);
  }
  seen.add(elementId);
}

const flowNodeTags = [
  'startEvent',
  'endEvent',
  'userTask',
  'serviceTask',
  'sendTask',
  'scriptTask',
  'callActivity',
  'receiveTask',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
];

/** Records an instance's history: each element entered, and each element entered right after another completed. */
export function recordHistory(processId: string, history: readonly { readonly elementId: string; readonly event: string }[]): void {
  let last: string | null = null;
  for (const entry of history) {
    if (entry.event === 'completed') last = entry.elementId;
    if (entry.event !== 'entered') continue;
    recordVisit(processId, entry.elementId);
    if (last === null) continue;
    let pairs = stepped.get(processId);
    if (pairs === undefined) {
      pairs = new Set();
      stepped.set(processId, pairs);
    }
    pairs.add(`${last}→${entry.elementId}`);
  }
}

/** Sequence flows out of gateways whose source→target step no in-memory scenario made, or null when none ran. */
export function untakenGatewayFlows(processId: string): string[] | null {
  const pairs = stepped.get(processId);
  if (pairs === undefined) return null;
  const xml = readFileSync(new URL(`../../../definitions/templates/${processId}.bpmn`, import.meta.url), 'utf8');
  const gateways = new Set([...xml.matchAll(/<bpmn:(?:exclusive|inclusive|eventBased)Gateway id="([^"]+)"/g)].map((m) => m[1] as string));
  return [...xml.matchAll(/<bpmn:sequenceFlow id="([^"]+)"[^>]*sourceRef="([^"]+)" targetRef="([^"]+)"/g)]
    .filter((m) => gateways.has(m[2] as string) && !pairs.has(`${m[2]}→${m[3]}`))
    .map((m) => `${m[1]} (${m[2]} → ${m[3]})`);
}

/** Every flow node id of a shipped template (definitions/templates/<processId>.bpmn). */
export function flowNodesOf(processId: string): string[] {
  const xml = readFileSync(new URL(`../../../definitions/templates/${processId}.bpmn`, import.meta.url), 'utf8');
  const tags = new RegExp(`<bpmn:(?:${flowNodeTags.join('|')}) id="([^"]+)"`, 'g');
  return [...xml.matchAll(tags)].map((m) => m[1] as string);
}

/**
 * The template's flow nodes no in-memory scenario entered, or null when no in-memory scenario ran
 * in this process (e.g. `SCENARIO_DRIVERS=rest`: the REST runs are read through the API only).
 */
export function unvisitedElements(processId: string): string[] | null {
  const seen = visited.get(processId);
  if (seen === undefined) return null;
  return flowNodesOf(processId).filter((id) => !seen.has(id));
}
