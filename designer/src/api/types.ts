/** Shapes of the REST API's answers (see `/api/docs/json`); only what the app reads. */
export type JsonObject = Record<string, unknown>;

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface Task {
  readonly id: string;
  readonly instanceId: string;
  readonly processKey: string;
  readonly definitionId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly community: string;
  readonly status: TaskStatus;
  readonly assignee: string | null;
  /** The assignee by name (null: no account, or a name this viewer does not get; show the id). */
  readonly assigneeName: string | null;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  readonly dueDate: string | null;
  readonly followUpDate: string | null;
  readonly priority: number;
  readonly formId: string | null;
  readonly formKey: string | null;
  readonly businessKey: string | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
  /** Who completed it, by name (null as for `assigneeName`). */
  readonly completedByName: string | null;
  readonly version: number;
  readonly properties: Record<string, string>;
  readonly warnings: readonly string[];
}

export interface TaskDetail extends Task {
  readonly variables: JsonObject;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export type InstanceStatus = 'active' | 'completed' | 'terminated';

export interface InstanceSummary {
  readonly id: string;
  readonly processKey: string;
  readonly processName: string | null;
  readonly definitionId: string;
  readonly definitionVersion: number;
  readonly status: InstanceStatus;
  readonly businessKey: string | null;
  readonly community: string;
  readonly startedBy: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly version: number;
  readonly openIncidents: number;
}

/** A case in the case list and the case page: the summary plus who started it by name (null shows the id). */
export interface NamedInstanceSummary extends InstanceSummary {
  readonly startedByName: string | null;
}

export interface ActiveElement {
  readonly elementInstanceId: string;
  readonly elementId: string;
  readonly elementName: string | null;
  readonly bpmnType: string;
  readonly parentId: string | null;
  readonly incidentId: string | null;
}

export interface HistoryEvent {
  readonly id: string;
  readonly instanceId: string;
  readonly type: string;
  readonly at: string;
  readonly userId: string | null;
  /** Who did it, by name (null: nobody, no account, or a name this viewer does not get). */
  readonly userName: string | null;
  readonly elementId: string | null;
  readonly elementInstanceId: string | null;
  readonly data: JsonObject;
}

export interface Incident {
  readonly id: string;
  readonly elementId: string;
  readonly kind: string;
  readonly message: string;
  readonly status: 'open' | 'resolved';
  readonly createdAt: string;
}

export interface InstanceDetail extends NamedInstanceSummary {
  readonly activeElements: readonly ActiveElement[];
  readonly variables: JsonObject;
  readonly incidents: readonly Incident[];
  readonly history: readonly HistoryEvent[];
  readonly historyTruncated: boolean;
}

export type Visibility = 'internal' | 'public';

export interface CaseComment {
  readonly id: string;
  readonly instanceId: string;
  readonly taskId: string | null;
  readonly visibility: Visibility;
  readonly body: string;
  readonly author: string;
  /** The author by name (null: no account, or staff names to a resident; show the id). */
  readonly authorName: string | null;
  readonly createdAt: string;
}

export interface Attachment {
  readonly id: string;
  readonly instanceId: string;
  readonly taskId: string | null;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly visibility: Visibility;
  readonly uploadedBy: string;
  /** Who uploaded it, by name (null shows the id). */
  readonly uploadedByName: string | null;
  readonly uploadedAt: string;
}

export interface DefinitionVersion {
  readonly id: string;
  readonly kind: 'bpmn' | 'form';
  readonly key: string;
  readonly name: string | null;
  readonly version: number;
  readonly community: string;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface DefinitionSummary {
  readonly kind: 'bpmn' | 'form';
  readonly key: string;
  readonly name: string | null;
  readonly latest: DefinitionVersion;
  readonly versionCount: number;
}

export interface DefinitionContent extends DefinitionVersion {
  readonly content: string;
}

export interface TaskForm {
  readonly formId: string;
  readonly version: number;
  readonly schema: JsonObject;
}

export interface CompleteResult {
  readonly task: Task;
  readonly instance: InstanceSummary;
  readonly createdTasks: Task[];
}

/** What the websocket pushes after a commit (ids only; the app re-reads over REST). */
export type LiveEvent =
  | { readonly type: 'hello'; readonly userId: string | null; readonly community: string }
  | {
      readonly type: 'task.created' | 'task.assigned' | 'task.completed' | 'task.cancelled';
      readonly taskId: string;
      readonly instanceId: string;
      readonly assignee: string | null;
    }
  | { readonly type: 'instance.changed'; readonly instanceId: string; readonly status: string; readonly version: number }
  | { readonly type: 'incident.raised' | 'incident.resolved'; readonly incidentId: string; readonly instanceId: string }
  | { readonly type: 'notification'; readonly notificationId: string }
  | { readonly type: 'pong' }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
