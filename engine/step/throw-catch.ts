import type { BoundaryEventDef, ElementDef, EventDefinitionDef, StartEventDef, SubProcessDef } from '../model/executable-model.js';
import type { ElementInstanceState } from '../state/instance-state.js';
import type { JsonObject } from '../state/json.js';
import type { Run } from './run.js';
import { triggerBoundary, triggerEventSubProcess } from './triggers.js';

type ThrowKind = 'error' | 'escalation';

interface Catcher {
  readonly kind: 'boundary' | 'eventSubProcess';
  readonly eventId: string;
  readonly interrupting: boolean;
  /** The activity (boundary) or the scope (event sub-process; null = process). */
  readonly at: ElementInstanceState | null;
  readonly esp?: SubProcessDef;
}

/**
 * Throws a BPMN error or escalation from `thrower` and lets the innermost matching catcher take
 * it: the thrower's own boundary events, then each enclosing scope's event sub-processes and
 * boundary events, out to the process. A specific code beats a catch-all at the same level.
 * Returns whether something caught it.
 */
export function throwToCatcher(run: Run, kind: ThrowKind, code: string, thrower: ElementInstanceState, variables: JsonObject = {}): boolean {
  const catcher = findCatcher(run, kind, code, thrower);
  if (!catcher) return false;
  const trigger = { variables };
  if (catcher.kind === 'boundary') {
    triggerBoundary(run, catcher.interrupting, catcher.eventId, catcher.at as ElementInstanceState, trigger);
  } else {
    triggerEventSubProcess(run, catcher.esp as SubProcessDef, catcher.eventId, catcher.interrupting, catcher.at, trigger);
  }
  return true;
}

function findCatcher(run: Run, kind: ThrowKind, code: string, thrower: ElementInstanceState): Catcher | null {
  let node: ElementInstanceState | null = thrower;
  for (;;) {
    const def: ElementDef | null = node ? run.element(node.elementId) : null;
    // A scope's event sub-processes: the process, or a (non-body) sub-process instance.
    if (!node || (def?.kind === 'subProcess' && !node.loop)) {
      const espIds = def?.kind === 'subProcess' ? def.scope.eventSubProcessIds : run.process.scope.eventSubProcessIds;
      const esp = bestMatch(run, kind, code, espStarts(run, espIds));
      if (esp) {
        const start = run.element(esp.eventId) as StartEventDef;
        return { kind: 'eventSubProcess', eventId: esp.eventId, interrupting: kind === 'error' || start.interrupting, at: node, esp: run.element(start.scopeId) as SubProcessDef };
      }
    }
    if (!node) return null;
    // Boundary events sit on the activity (the multi-instance body, never an inner instance).
    if (def && node.loopIndex === undefined && def.boundaryEventIds.length > 0) {
      const boundaries = def.boundaryEventIds.map((id) => run.element(id) as BoundaryEventDef);
      const match = bestMatch(run, kind, code, boundaries.map((b) => ({ eventId: b.id, event: b })));
      if (match && node.status !== 'terminating') {
        const boundary = run.element(match.eventId) as BoundaryEventDef;
        return { kind: 'boundary', eventId: boundary.id, interrupting: kind === 'error' || boundary.cancelActivity, at: node };
      }
    }
    node = node.parentId === null ? null : run.state.elements[node.parentId] ?? null;
  }
}

function espStarts(run: Run, espIds: readonly string[]): { eventId: string; event: ElementDef }[] {
  const starts: { eventId: string; event: ElementDef }[] = [];
  for (const id of espIds) {
    const esp = run.element(id);
    if (esp.kind !== 'subProcess') continue;
    for (const startId of esp.scope.startEventIds) starts.push({ eventId: startId, event: run.element(startId) });
  }
  return starts;
}

/** The candidate whose code equals `code`, else a catch-all (no reference or no code). */
function bestMatch(run: Run, kind: ThrowKind, code: string, candidates: { eventId: string; event: ElementDef }[]): { eventId: string } | null {
  let catchAll: { eventId: string } | null = null;
  for (const candidate of candidates) {
    if (!('event' in candidate.event)) continue;
    const definition = candidate.event.event;
    if (definition.kind !== kind) continue;
    const expected = codeOf(run, definition);
    if (expected === null) catchAll ??= candidate;
    else if (expected === code) return candidate;
  }
  return catchAll;
}

function codeOf(run: Run, definition: { kind: 'error'; errorId: string | null } | { kind: 'escalation'; escalationId: string | null }): string | null {
  if (definition.kind === 'error') return definition.errorId ? run.model.errors.get(definition.errorId)?.errorCode ?? null : null;
  return definition.escalationId ? run.model.escalations.get(definition.escalationId)?.escalationCode ?? null : null;
}

/** The code an error or escalation throw event carries ('' when it names none). */
export function thrownCode(run: Run, definition: EventDefinitionDef): string {
  if (definition.kind === 'error' || definition.kind === 'escalation') return codeOf(run, definition) ?? '';
  return '';
}
