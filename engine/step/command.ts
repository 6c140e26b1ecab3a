import type { JsonObject } from '../state/json.js';

/** What a host asks of an instance. Tagged union: every variant has exactly one handler. */
export type Command =
  | { readonly type: 'createInstance'; readonly processId: string; readonly variables?: JsonObject; readonly startEventId?: string }
  | { readonly type: 'completeUserTask'; readonly elementInstanceId: string; readonly variables?: JsonObject }
  | { readonly type: 'completeJob'; readonly jobKey: string; readonly variables?: JsonObject }
  | { readonly type: 'failJob'; readonly jobKey: string; readonly retries: number; readonly errorMessage: string }
  | { readonly type: 'throwError'; readonly jobKey: string; readonly errorCode: string; readonly errorMessage?: string; readonly variables?: JsonObject }
  | { readonly type: 'resolveIncident'; readonly incidentId: string }
  | { readonly type: 'setVariables'; readonly elementInstanceId: string | null; readonly variables: JsonObject }
  | { readonly type: 'cancelInstance' };

export type CommandType = Command['type'];
