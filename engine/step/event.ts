import type { JsonValue } from '../state/json.js';

/** The ordered history of what happened in a step; the host stamps time and stores it. */
export type EngineEvent =
  | { readonly type: 'instance.started'; readonly processId: string }
  | { readonly type: 'instance.completed' }
  | { readonly type: 'instance.terminated'; readonly reason?: string }
  | { readonly type: 'element.entered'; readonly elementId: string; readonly elementInstanceId: string; readonly bpmnType: string }
  | { readonly type: 'element.completed'; readonly elementId: string; readonly elementInstanceId: string; readonly bpmnType: string }
  | { readonly type: 'element.terminated'; readonly elementId: string; readonly elementInstanceId: string; readonly bpmnType: string }
  | { readonly type: 'flow.taken'; readonly flowId: string }
  | { readonly type: 'variable.set'; readonly scope: string | null; readonly name: string; readonly value: JsonValue }
  | { readonly type: 'incident.raised'; readonly incidentId: string; readonly elementId: string; readonly message: string }
  | { readonly type: 'incident.resolved'; readonly incidentId: string }
  | { readonly type: 'warning'; readonly elementId: string; readonly message: string };

export type EngineEventType = EngineEvent['type'];
