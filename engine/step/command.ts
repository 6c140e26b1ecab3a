import type { JsonObject } from '../state/json.js';

/** What a host asks of an instance. Tagged union: every variant has exactly one handler. */
export type Command =
  | {
      readonly type: 'createInstance';
      readonly processId: string;
      readonly variables?: JsonObject;
      /** A message, timer or signal start event; default: the none start event. */
      readonly startEventId?: string;
      /** Given by the host for call-activity children (the parent chose the id). */
      readonly instanceId?: string;
      readonly parent?: { readonly instanceId: string; readonly elementInstanceId: string };
    }
  | { readonly type: 'completeUserTask'; readonly elementInstanceId: string; readonly variables?: JsonObject }
  | { readonly type: 'completeJob'; readonly jobKey: string; readonly variables?: JsonObject }
  | { readonly type: 'failJob'; readonly jobKey: string; readonly retries: number; readonly errorMessage: string }
  | { readonly type: 'throwError'; readonly jobKey: string; readonly errorCode: string; readonly errorMessage?: string; readonly variables?: JsonObject }
  | { readonly type: 'resolveIncident'; readonly incidentId: string }
  | { readonly type: 'setVariables'; readonly elementInstanceId: string | null; readonly variables: JsonObject }
  | { readonly type: 'cancelInstance' }
  /** `dueAt` names the firing: a repeated delivery of an earlier firing is a no-op. */
  | { readonly type: 'fireTimer'; readonly subscriptionId: string; readonly dueAt: number }
  | { readonly type: 'correlateMessage'; readonly subscriptionId: string; readonly variables?: JsonObject }
  | { readonly type: 'triggerSignal'; readonly subscriptionId: string; readonly variables?: JsonObject }
  /** The child of a call activity completed with these (root-scope) variables. */
  | { readonly type: 'completeCallActivity'; readonly elementInstanceId: string; readonly variables: JsonObject }
  /** The child of a call activity threw a BPMN error it did not catch. */
  | { readonly type: 'childError'; readonly elementInstanceId: string; readonly errorCode: string; readonly errorMessage?: string }
  /** The child of a call activity threw an escalation it did not catch (it goes on). */
  | { readonly type: 'childEscalation'; readonly elementInstanceId: string; readonly escalationCode: string }
  /** The child of a call activity was cancelled from outside. */
  | { readonly type: 'childTerminated'; readonly elementInstanceId: string; readonly reason?: string };

export type CommandType = Command['type'];
