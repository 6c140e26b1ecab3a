import type { JsonObject } from '../state/json.js';

/** A user task the host must show in inboxes (the query projection's row). */
export interface UserTaskData {
  readonly elementInstanceId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  /** ISO 8601 date-time with offset, or null. */
  readonly dueDate: string | null;
  readonly followUpDate: string | null;
  /** 0–100, Zeebe's default 50. */
  readonly priority: number;
  readonly formId: string | null;
  readonly formKey: string | null;
  readonly properties: Readonly<Record<string, string>>;
  /** Visible warnings, e.g. a due date computed into a year without holiday data. */
  readonly warnings: readonly string[];
}

export interface JobData {
  /** The job key: the element instance id of the activity that waits for it. */
  readonly key: string;
  readonly type: string;
  readonly retries: number;
  readonly elementId: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Variables visible to the element when the job was created. */
  readonly variables: JsonObject;
}

/** What the host must carry out after a step (rows to write, work to schedule). */
export type Effect =
  | { readonly type: 'userTask.created'; readonly task: UserTaskData }
  | { readonly type: 'userTask.completed'; readonly elementInstanceId: string }
  | { readonly type: 'userTask.cancelled'; readonly elementInstanceId: string }
  | { readonly type: 'job.created'; readonly job: JobData }
  | { readonly type: 'job.completed'; readonly key: string }
  | { readonly type: 'job.failed'; readonly key: string; readonly retries: number; readonly errorMessage: string }
  | { readonly type: 'job.cancelled'; readonly key: string }
  | { readonly type: 'incident.raised'; readonly incidentId: string; readonly elementId: string; readonly elementInstanceId: string; readonly kind: string; readonly message: string }
  | { readonly type: 'incident.resolved'; readonly incidentId: string }
  /** Upserts the timer row: a re-armed cycle reuses its subscription id with a new due time. */
  | { readonly type: 'timer.scheduled'; readonly subscriptionId: string; readonly elementId: string; readonly dueAt: number }
  | { readonly type: 'timer.cancelled'; readonly subscriptionId: string }
  | { readonly type: 'message.subscribed'; readonly subscriptionId: string; readonly elementId: string; readonly messageName: string; readonly correlationKey: string | null }
  | { readonly type: 'message.unsubscribed'; readonly subscriptionId: string }
  | { readonly type: 'signal.subscribed'; readonly subscriptionId: string; readonly elementId: string; readonly signalName: string }
  | { readonly type: 'signal.unsubscribed'; readonly subscriptionId: string }
  /** A signal thrown by this instance: the host broadcasts it to every subscription, this instance's too. */
  | { readonly type: 'signal.broadcast'; readonly signalName: string; readonly variables: JsonObject }
  /** A call activity wants a child instance of `processId` with this id and these variables. */
  | { readonly type: 'childInstance.create'; readonly elementInstanceId: string; readonly childInstanceId: string; readonly processId: string; readonly variables: JsonObject }
  | { readonly type: 'childInstance.cancel'; readonly childInstanceId: string }
  /** Sent to the parent: this child finished (its root variables), threw an uncaught error, or was cancelled. */
  | { readonly type: 'parent.notify'; readonly parent: { readonly instanceId: string; readonly elementInstanceId: string }; readonly outcome: ParentOutcome };

export type ParentOutcome =
  | { readonly kind: 'completed'; readonly variables: JsonObject }
  | { readonly kind: 'error'; readonly errorCode: string; readonly errorMessage?: string }
  | { readonly kind: 'escalation'; readonly escalationCode: string }
  | { readonly kind: 'terminated' };

export type EffectType = Effect['type'];
