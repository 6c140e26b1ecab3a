import type { TimerSchedule } from '../timer/index.js';
import type { JsonObject, JsonValue } from './json.js';

export const STATE_SCHEMA_VERSION = 1;

/** Lifecycle of one element instance; the transitions live in `engine/step/lifecycle.ts`. */
export type LifecycleState = 'activating' | 'active' | 'completing' | 'completed' | 'terminating' | 'terminated';

/**
 * The whole persisted state of one process instance: plain JSON, documented, versioned.
 * Completed element instances are dropped; history lives in the events, not here.
 */
export interface InstanceState {
  readonly schemaVersion: typeof STATE_SCHEMA_VERSION;
  readonly instanceId: string;
  readonly processId: string;
  status: 'active' | 'completed' | 'terminated';
  /** Variables of the process scope. */
  variables: JsonObject;
  /** Live element instances by element instance id. */
  elements: Record<string, ElementInstanceState>;
  /**
   * Sequence flows taken into a joining gateway but not yet consumed, per flow scope
   * (`""` is the process scope, else the sub-process element instance id): flow id → count.
   */
  joins: Record<string, Record<string, number>>;
  /** Open incidents by incident id. */
  incidents: Record<string, IncidentState>;
  /** Open timer, message and signal subscriptions by subscription id. */
  subscriptions: Record<string, Subscription>;
  /** Parent link when this instance was started by a call activity. */
  parent?: { instanceId: string; elementInstanceId: string };
}

/**
 * Something the instance waits for. `ownerId` is the element instance whose lifetime bounds
 * the subscription (the catch event, the activity a boundary event sits on, the scope of an
 * event sub-process; null for the process scope); `eventElementId` is the event it triggers.
 */
export type Subscription =
  | { readonly id: string; readonly kind: 'timer'; readonly eventElementId: string; readonly ownerId: string | null; schedule: TimerSchedule }
  | { readonly id: string; readonly kind: 'message'; readonly eventElementId: string; readonly ownerId: string | null; readonly messageName: string; readonly correlationKey: string | null }
  | { readonly id: string; readonly kind: 'signal'; readonly eventElementId: string; readonly ownerId: string | null; readonly signalName: string };

export interface ElementInstanceState {
  readonly id: string;
  readonly elementId: string;
  /** Element instance of the enclosing sub-process, or null for the process scope. */
  readonly parentId: string | null;
  status: LifecycleState;
  /** Local variables (sub-process scope, input mappings, multi-instance element). */
  variables?: JsonObject;
  /** Set while a job (service task and friends) is open for this element instance. */
  job?: JobState;
  /** Set on a multi-instance body: the collection being worked through. */
  loop?: MultiInstanceLoop;
  /** Set on an inner instance of a multi-instance body: its 0-based position. */
  loopIndex?: number;
  /** Set on a call activity: the child process instance it waits for. */
  childInstanceId?: string;
  /** Open incident blocking this element instance. */
  incidentId?: string;
}

export interface MultiInstanceLoop {
  readonly items: JsonValue[];
  /** Index of the next item to start (sequential) or items.length once all started. */
  nextIndex: number;
  active: number;
  completed: number;
  terminated: number;
}

export interface JobState {
  readonly type: string;
  retries: number;
}

export interface IncidentState {
  readonly id: string;
  readonly elementInstanceId: string;
  readonly elementId: string;
  /** Stable kind: a job out of retries, a condition that matched no flow, a FEEL failure, … */
  readonly kind: 'JOB_NO_RETRIES' | 'CONDITION_ERROR' | 'EXPRESSION_ERROR' | 'UNHANDLED_ERROR' | 'CALLED_ELEMENT_ERROR' | 'EXTRACT_VALUE_ERROR';
  readonly message: string;
  /** What resolving the incident re-runs. */
  readonly resume: 'activate' | 'complete' | 'job';
}
