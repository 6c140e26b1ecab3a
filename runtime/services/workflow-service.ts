/**
 * The contract between the HTTP layer (routes, websocket) and the durable workflow runtime.
 *
 * Rules every method follows:
 * - Every call carries the `community` it acts in (tenancy, issue 5); an id that exists only in
 *   another community answers `NotFoundError` (404), never 403, so ids cannot be probed.
 * - State-changing calls carry the acting `userId`; it lands in history and audit rows.
 * - Authorisation (who may start / claim / reassign) is the caller's job (issue 5); the service
 *   enforces state rules (a task assigned to someone else cannot be claimed, a completed task
 *   cannot be completed again) and throws the errors of `./errors.ts`:
 *   `NotFoundError` 404, `ConflictError` 409 (concurrent change, version check),
 *   `InvalidStateError` 409, `WorkflowValidationError` 422 (with every problem),
 *   `BadRequestError` 400, `UnsupportedError` 501, `UnavailableError` 503.
 * - Every state change is one database transaction; it is durable when the promise resolves,
 *   and `onCommitted` listeners run after that.
 * - Times are ISO 8601 strings (UTC, `…Z`) in everything returned; inputs accept ISO strings.
 * - Lists are paginated: `limit` (default 50, max 200) and an opaque `cursor` from `nextCursor`.
 */
import type { WorkingCalendar } from '../../engine/calendar/index.js';
import type { ValidationProblem } from '../../engine/errors.js';
import type { JsonObject, JsonValue } from '../../engine/state/json.js';

export type { ValidationProblem, JsonObject, JsonValue };

// ───────────────────────────── common ─────────────────────────────

/** The community a call acts in. */
export interface Scoped {
  readonly community: string;
}

/** A state-changing call: the community and the acting user (or worker / system id). */
export interface Acting extends Scoped {
  readonly userId: string;
}

/** Cursor pagination input. */
export interface PageRequest {
  /** Default 50, at most 200. */
  readonly limit?: number;
  /** Opaque, from a previous page's `nextCursor`. A malformed cursor is a `BadRequestError`. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** `null` on the last page. */
  readonly nextCursor: string | null;
}

export type SortOrder = 'asc' | 'desc';

// ───────────────────────────── definitions ─────────────────────────────

export type DefinitionKind = 'bpmn' | 'form';

export interface DeployDefinitionInput extends Acting {
  readonly kind: DefinitionKind;
  /**
   * BPMN: the XML; each executable process in it becomes a definition keyed by its process id.
   * Form: the form-js JSON text; keyed by the schema's `id` unless `key` is given.
   */
  readonly content: string;
  /** Form key override (forms only; BPMN keys are the process ids). */
  readonly key?: string;
  /** Display name override; defaults to the process name / form schema's name. */
  readonly name?: string;
}

export interface DefinitionVersion {
  /** Unique id of this version (stable; instances point at it). */
  readonly id: string;
  readonly kind: DefinitionKind;
  /** Process id or form id. */
  readonly key: string;
  readonly name: string | null;
  /** 1, 2, 3 … per (community, kind, key). */
  readonly version: number;
  /** sha256 hex of the content. */
  readonly contentHash: string;
  readonly community: string;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface DeployResult {
  /** One entry per process in the BPMN (or the one form), new or unchanged. */
  readonly definitions: readonly DefinitionVersion[];
  /**
   * True when the content equals the latest version of every key, so no new version was made
   * (deploying the same file twice is idempotent).
   */
  readonly unchanged: boolean;
}

export interface DefinitionSummary {
  readonly kind: DefinitionKind;
  readonly key: string;
  readonly name: string | null;
  readonly latest: DefinitionVersion;
  readonly versionCount: number;
}

export interface ListDefinitionsInput extends Scoped, PageRequest {
  readonly kind?: DefinitionKind;
}

export interface ListDefinitionVersionsInput extends Scoped, PageRequest {
  readonly kind: DefinitionKind;
  readonly key: string;
}

export interface GetDefinitionInput extends Scoped {
  readonly kind: DefinitionKind;
  readonly key: string;
  /** Latest when omitted. */
  readonly version?: number;
}

export interface DefinitionWithContent extends DefinitionVersion {
  /** The XML or form-js JSON text exactly as deployed. */
  readonly content: string;
}

// ───────────────────────────── instances ─────────────────────────────

export type InstanceStatus = 'active' | 'completed' | 'terminated';

export interface StartInstanceInput extends Acting {
  /** The process id (definition key). */
  readonly processKey: string;
  /** Latest deployed version when omitted. */
  readonly version?: number;
  /** Start-form data or API variables (already validated by the caller against the form). */
  readonly variables?: JsonObject;
  /** A reference meaningful to people (e.g. a tracking code); unique is not enforced. */
  readonly businessKey?: string;
}

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
  /** When it completed or was terminated. */
  readonly endedAt: string | null;
  /** Optimistic-locking version of the instance row; increases with every command. */
  readonly version: number;
  readonly openIncidents: number;
}

export interface ActiveElement {
  readonly elementInstanceId: string;
  readonly elementId: string;
  readonly elementName: string | null;
  readonly bpmnType: string;
  /** Element instance of the enclosing sub-process, null in the process scope. */
  readonly parentId: string | null;
  readonly incidentId: string | null;
  /** The case a call activity started (null for other elements): how a case finds its called cases. */
  readonly calledInstanceId: string | null;
}

export type HistoryEventType =
  | 'instance.started'
  | 'instance.completed'
  | 'instance.terminated'
  | 'element.entered'
  | 'element.completed'
  | 'element.terminated'
  | 'flow.taken'
  | 'variable.set'
  | 'incident.raised'
  | 'incident.resolved'
  | 'warning'
  /** Runtime (not engine) events: who did what to a task or instance, and why. */
  | 'task.claimed'
  | 'task.unclaimed'
  | 'task.assigned'
  | 'task.completed'
  | 'variables.updated'
  | 'instance.cancelled'
  | 'incident.retried'
  | 'comment.added';

export interface HistoryEntry {
  /** Sortable; entries of one instance are ordered by it. */
  readonly id: string;
  readonly instanceId: string;
  readonly type: HistoryEventType;
  readonly at: string;
  /** The acting user, worker or `system`, null for engine-internal steps. */
  readonly userId: string | null;
  readonly elementId: string | null;
  readonly elementInstanceId: string | null;
  /** The rest of the event (flow id, variable name/value, reason, message …). */
  readonly data: JsonObject;
}

/** A new case with the user tasks its start created (the start answer shows those the caller may see, so it can go straight on). */
export interface StartedInstance extends InstanceDetails {
  readonly createdTasks: readonly TaskView[];
}

export interface InstanceDetails extends InstanceSummary {
  readonly activeElements: readonly ActiveElement[];
  readonly variables: JsonObject;
  readonly incidents: readonly IncidentView[];
  /** The newest history entries (up to 200, oldest first); page the rest with `listHistory`. */
  readonly history: readonly HistoryEntry[];
  readonly historyTruncated: boolean;
}

export interface GetInstanceInput extends Scoped {
  readonly id: string;
}

export interface ListInstancesInput extends Scoped, PageRequest {
  readonly processKey?: string;
  readonly status?: InstanceStatus;
  readonly businessKey?: string;
  readonly startedBy?: string;
  readonly startedAfter?: string;
  readonly startedBefore?: string;
}

export interface ListHistoryInput extends Scoped, PageRequest {
  readonly instanceId: string;
}

export interface CancelInstanceInput extends Acting {
  readonly id: string;
  /** Required for audit; shown in history. */
  readonly reason: string;
}

export interface UpdateVariablesInput extends Acting {
  readonly instanceId: string;
  /** Merged into the process scope (or the element instance's local scope). */
  readonly variables: JsonObject;
  readonly elementInstanceId?: string;
  /** Required for audit. */
  readonly reason: string;
}

// ───────────────────────────── user tasks ─────────────────────────────

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface TaskView {
  /** The engine's element instance id of the user task. */
  readonly id: string;
  readonly instanceId: string;
  readonly processKey: string;
  readonly definitionId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly community: string;
  readonly status: TaskStatus;
  readonly assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  readonly dueDate: string | null;
  readonly followUpDate: string | null;
  /** 0–100. */
  readonly priority: number;
  /** Key of a deployed form (community, kind `form`). */
  readonly formId: string | null;
  readonly formKey: string | null;
  readonly businessKey: string | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
  /** Optimistic-locking version of the task row (claim, assign, complete increase it). */
  readonly version: number;
  readonly properties: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

export interface TaskDetails extends TaskView {
  /** The variables visible to the task (process scope merged with local scopes). */
  readonly variables: JsonObject;
}

/** Which tasks a person may see: assignee, candidate user, or member of a candidate group. */
export interface TaskViewer {
  readonly userId: string;
  /** The user's role keys in this community (candidate groups they belong to). */
  readonly groups: readonly string[];
}

export type TaskVariableOperator = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'like';

/**
 * A filter on a process variable. Only top-level scalar variables (string ≤ 200 chars, number,
 * boolean) are indexed for tasks; others never match.
 */
export interface TaskVariableFilter {
  readonly name: string;
  readonly op: TaskVariableOperator;
  /** For `like`: a substring. */
  readonly value: string | number | boolean;
}

export type TaskSortField = 'createdAt' | 'dueDate' | 'followUpDate' | 'priority' | 'completedAt';

export interface QueryTasksInput extends Scoped, PageRequest {
  /** When set, only tasks this person may see (the server sets it from the session). */
  readonly visibleTo?: TaskViewer;
  /** Default `open`. */
  readonly status?: TaskStatus | 'all';
  /** A user id; `null` = unassigned only. */
  readonly assignee?: string | null;
  /** Tasks where this person is a candidate (user or one of the groups), e.g. "claimable by my groups". */
  readonly candidate?: TaskViewer;
  readonly candidateGroup?: string;
  /** Open tasks whose due date is before now. */
  readonly overdue?: boolean;
  readonly completedBy?: string;
  readonly processKey?: string;
  readonly instanceId?: string;
  readonly elementId?: string;
  readonly businessKey?: string;
  readonly variables?: readonly TaskVariableFilter[];
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly dueAfter?: string;
  readonly dueBefore?: string;
  readonly followUpAfter?: string;
  readonly followUpBefore?: string;
  readonly completedAfter?: string;
  readonly completedBefore?: string;
  /** Default `createdAt` `desc`; ties broken by id. Null due dates sort last. */
  readonly sort?: { readonly field: TaskSortField; readonly order: SortOrder };
}

export interface TaskRef extends Acting {
  readonly taskId: string;
}

export interface AssignTaskInput extends TaskRef {
  /** New assignee, or null to return it to the candidates. */
  readonly assignee: string | null;
  /** Required for audit (admin reassignment). */
  readonly reason: string;
}

export interface CompleteTaskInput extends TaskRef {
  /** Form data (already validated by the caller against the task's form). */
  readonly variables?: JsonObject;
  /**
   * The task `version` the client saw; a different current version is a `ConflictError`.
   * Without it, two concurrent completes still give exactly one success and one conflict.
   */
  readonly expectedVersion?: number;
  /**
   * The task as the caller read it for its own checks (permission, form). Under the case's lock
   * the service then reads only the task's version, and uses this view when the version is still
   * the same (every change to a task increments it), instead of reading the whole row again.
   */
  readonly read?: TaskView;
}

export interface CompleteTaskResult {
  readonly task: TaskView;
  readonly instance: InstanceSummary;
  /** User tasks the completion created (the next steps). */
  readonly createdTasks: readonly TaskView[];
}

// ───────────────────────────── comments and attachments ─────────────────────────────

/** `internal`: staff only. `public`: the reply a resident sees with their tracking code. */
export type CommentVisibility = 'internal' | 'public';

export interface AddCommentInput extends Acting {
  readonly instanceId: string;
  readonly taskId?: string;
  readonly visibility: CommentVisibility;
  /** Plain text, 1–10,000 characters. */
  readonly body: string;
}

export interface CommentView {
  readonly id: string;
  readonly instanceId: string;
  readonly taskId: string | null;
  readonly community: string;
  readonly visibility: CommentVisibility;
  readonly body: string;
  readonly author: string;
  readonly createdAt: string;
}

export interface ListCommentsInput extends Scoped, PageRequest {
  readonly instanceId: string;
  /** Both when omitted. */
  readonly visibility?: CommentVisibility;
}

/** The HTTP layer stores the bytes under `data/`; the service keeps the metadata row. */
export interface AddAttachmentInput extends Acting {
  readonly instanceId: string;
  readonly taskId?: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  /** sha256 hex of the bytes. */
  readonly sha256: string;
  /** Path relative to the data directory. */
  readonly storagePath: string;
  readonly visibility: CommentVisibility;
}

export interface AttachmentView {
  readonly id: string;
  readonly instanceId: string;
  readonly taskId: string | null;
  readonly community: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly storagePath: string;
  readonly visibility: CommentVisibility;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

export interface ListAttachmentsInput extends Scoped, PageRequest {
  readonly instanceId: string;
}

// ───────────────────────────── messages and signals ─────────────────────────────

export interface PublishMessageInput extends Acting {
  readonly name: string;
  readonly correlationKey: string;
  readonly variables?: JsonObject;
  /** Idempotency id: a second publish with the same id in the community is a no-op. */
  readonly messageId?: string;
  /** How long a message that reached nothing stays buffered for a later subscription; default 1 hour, 0 = not buffered. */
  readonly timeToLiveMs?: number;
}

export interface PublishMessageResult {
  readonly messageKey: string;
  /** Whether it reached a waiting instance or started one now. */
  readonly correlated: boolean;
  /** Waiting instances it reached (once per instance). */
  readonly instanceIds: readonly string[];
  /** Instances it started through a message start event. */
  readonly startedInstanceIds: readonly string[];
  /** Kept for a later subscription (time to live > 0 and not correlated). */
  readonly buffered: boolean;
  /** The `messageId` was seen before; nothing was done. */
  readonly duplicate: boolean;
}

export interface BroadcastSignalInput extends Acting {
  readonly name: string;
  readonly variables?: JsonObject;
}

export interface BroadcastSignalResult {
  /** Waiting instances it reached. */
  readonly instanceIds: readonly string[];
  /** Instances it started through a signal start event. */
  readonly startedInstanceIds: readonly string[];
}

// ───────────────────────────── incidents ─────────────────────────────

export type IncidentStatus = 'open' | 'resolved';

export interface IncidentView {
  readonly id: string;
  readonly instanceId: string;
  readonly processKey: string;
  readonly community: string;
  readonly elementId: string;
  readonly elementInstanceId: string;
  /** JOB_NO_RETRIES, CONDITION_ERROR, EXPRESSION_ERROR, UNHANDLED_ERROR, … */
  readonly kind: string;
  readonly message: string;
  readonly status: IncidentStatus;
  /** The job that ran out of retries, if any. */
  readonly jobKey: string | null;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
}

export interface ListIncidentsInput extends Scoped, PageRequest {
  readonly status?: IncidentStatus;
  readonly instanceId?: string;
  readonly processKey?: string;
}

export interface RetryIncidentInput extends Acting {
  readonly incidentId: string;
  /** Retries given back to the failed job (default 1). */
  readonly retries?: number;
}

// ───────────────────────────── job worker API ─────────────────────────────

export interface ActivateJobsInput extends Scoped {
  readonly type: string;
  /** The worker's name; becomes the lock owner. */
  readonly worker: string;
  /** 1–100. */
  readonly maxJobs: number;
  /** How long the jobs stay locked to this worker; after that another worker may take them. */
  readonly lockTimeoutMs: number;
  /**
   * Long polling: when no job is available, wait up to this long for one (default 0, max
   * 60,000). Resolves early with whatever becomes available.
   */
  readonly requestTimeoutMs?: number;
  /** Aborts the long poll (client went away); resolves with no jobs. */
  readonly signal?: AbortSignal;
  /** Only these variables (all when omitted). */
  readonly fetchVariables?: readonly string[];
}

export interface ActivatedJob {
  /** The job key (the element instance id of the waiting activity). */
  readonly key: string;
  readonly type: string;
  readonly instanceId: string;
  readonly processKey: string;
  readonly definitionId: string;
  readonly elementId: string;
  readonly community: string;
  readonly retries: number;
  readonly worker: string;
  /** When the lock expires. */
  readonly deadline: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly variables: JsonObject;
}

export interface JobRef extends Scoped {
  readonly jobKey: string;
  /** The worker completing it; a job locked by another worker (lock not expired) is a conflict. */
  readonly worker?: string;
}

export interface CompleteJobInput extends JobRef {
  readonly variables?: JsonObject;
}

export interface FailJobInput extends JobRef {
  /** Retries left; 0 raises an incident. */
  readonly retries: number;
  readonly errorMessage: string;
  /** Wait before the job becomes available again (default 0). */
  readonly retryBackoffMs?: number;
}

export interface ThrowJobErrorInput extends JobRef {
  /** BPMN error code, caught by an error boundary/event sub-process; else an incident. */
  readonly errorCode: string;
  readonly errorMessage?: string;
  readonly variables?: JsonObject;
}

// ───────────────────────────── notifications (in-app connector) ─────────────────────────────

export interface NotificationView {
  readonly id: string;
  readonly community: string;
  /** Addressed to one user or to everyone holding a role in the community. */
  readonly recipientUser: string | null;
  readonly recipientGroup: string | null;
  readonly title: string;
  readonly body: string;
  readonly instanceId: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface ListNotificationsInput extends Scoped, PageRequest {
  readonly viewer: TaskViewer;
  readonly unreadOnly?: boolean;
}

export interface MarkNotificationReadInput extends Acting {
  readonly notificationId: string;
}

// ───────────────────────────── history retention ─────────────────────────────

export interface RetentionPolicyView {
  readonly community: string;
  readonly processKey: string;
  /** Finished cases older than this (since they ended) are archived to a file and removed. */
  readonly retainYears: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface SetRetentionPolicyInput extends Acting {
  readonly processKey: string;
  /** 1–100 years; `null` removes the policy (keep forever, the default). */
  readonly retainYears: number | null;
}

// ───────────────────────────── after-commit events ─────────────────────────────

/**
 * Notifications emitted after a transaction commits, for the websocket layer. They carry what
 * is needed to decide who may see them (community, assignee, candidates), not the data itself.
 */
export type CommittedEvent =
  | {
      readonly type: 'task.created' | 'task.assigned' | 'task.completed' | 'task.cancelled';
      readonly community: string;
      readonly taskId: string;
      readonly instanceId: string;
      readonly assignee: string | null;
      readonly candidateGroups: readonly string[];
      readonly candidateUsers: readonly string[];
    }
  | {
      readonly type: 'instance.changed';
      readonly community: string;
      readonly instanceId: string;
      readonly status: InstanceStatus;
      readonly version: number;
    }
  | {
      readonly type: 'incident.raised' | 'incident.resolved';
      readonly community: string;
      readonly incidentId: string;
      readonly instanceId: string;
    }
  | {
      readonly type: 'notification.created';
      readonly community: string;
      readonly notificationId: string;
      readonly recipientUser: string | null;
      readonly recipientGroup: string | null;
    }
  | {
      readonly type: 'job.available';
      readonly community: string;
      readonly jobType: string;
    };

export type CommittedListener = (events: readonly CommittedEvent[]) => void;

// ───────────────────────────── the service ─────────────────────────────

export interface WorkflowService {
  // definitions
  deployDefinition(input: DeployDefinitionInput): Promise<DeployResult>;
  listDefinitions(input: ListDefinitionsInput): Promise<Page<DefinitionSummary>>;
  listDefinitionVersions(input: ListDefinitionVersionsInput): Promise<Page<DefinitionVersion>>;
  getDefinition(input: GetDefinitionInput): Promise<DefinitionWithContent>;
  /** The same version row without its content (cheap: for caches keyed by the version id). */
  getDefinitionVersion(input: GetDefinitionInput): Promise<DefinitionVersion>;

  // instances
  startInstance(input: StartInstanceInput): Promise<StartedInstance>;
  getInstance(input: GetInstanceInput): Promise<InstanceDetails>;
  listInstances(input: ListInstancesInput): Promise<Page<InstanceSummary>>;
  listHistory(input: ListHistoryInput): Promise<Page<HistoryEntry>>;
  cancelInstance(input: CancelInstanceInput): Promise<InstanceSummary>;
  /** Audited: history gets `variables.updated` with user, reason, old and new values. */
  updateVariables(input: UpdateVariablesInput): Promise<InstanceSummary>;

  // user tasks
  queryTasks(input: QueryTasksInput): Promise<Page<TaskView>>;
  getTask(input: Scoped & { readonly taskId: string }): Promise<TaskDetails>;
  /** The task row alone, without the case's variables (cheaper: permission checks, forms). */
  getTaskView(input: Scoped & { readonly taskId: string }): Promise<TaskView>;
  /** Assigns to the acting user; `ConflictError` if someone else holds it. */
  claimTask(input: TaskRef): Promise<TaskView>;
  unclaimTask(input: TaskRef): Promise<TaskView>;
  assignTask(input: AssignTaskInput): Promise<TaskView>;
  /**
   * Completes the task with the form data and runs the case to its next wait state, in one
   * transaction. Two concurrent completes: one succeeds, the other gets `ConflictError` (409).
   */
  completeTask(input: CompleteTaskInput): Promise<CompleteTaskResult>;

  // comments and attachments
  addComment(input: AddCommentInput): Promise<CommentView>;
  listComments(input: ListCommentsInput): Promise<Page<CommentView>>;
  addAttachment(input: AddAttachmentInput): Promise<AttachmentView>;
  listAttachments(input: ListAttachmentsInput): Promise<Page<AttachmentView>>;
  getAttachment(input: Scoped & { readonly attachmentId: string }): Promise<AttachmentView>;

  // messages and signals
  publishMessage(input: PublishMessageInput): Promise<PublishMessageResult>;
  broadcastSignal(input: BroadcastSignalInput): Promise<BroadcastSignalResult>;

  // incidents
  listIncidents(input: ListIncidentsInput): Promise<Page<IncidentView>>;
  retryIncident(input: RetryIncidentInput): Promise<IncidentView>;

  // job worker API
  activateJobs(input: ActivateJobsInput): Promise<readonly ActivatedJob[]>;
  completeJob(input: CompleteJobInput): Promise<void>;
  failJob(input: FailJobInput): Promise<void>;
  throwJobError(input: ThrowJobErrorInput): Promise<void>;

  // notifications
  listNotifications(input: ListNotificationsInput): Promise<Page<NotificationView>>;
  markNotificationRead(input: MarkNotificationReadInput): Promise<void>;

  /**
   * The clock and working calendar the service computes due dates with (tests move the clock; the
   * calendar holds uploaded years). Optional so stand-ins may leave them out; form rules read them.
   */
  readonly clock?: { now(): number; readonly calendar: WorkingCalendar };

  /** Subscribe to after-commit events; returns the unsubscribe function. */
  onCommitted(listener: CommittedListener): () => void;
  /** Throws `UnavailableError` when the database does not answer (for a readiness probe). */
  ping(): Promise<void>;
  /** Stops the job executor, waits for running jobs, closes the database. */
  close(): Promise<void>;
}

/**
 * History retention for the community admin (issue 4). Kept apart from `WorkflowService` so
 * existing implementations of that interface stay valid; `createWorkflowService` returns both.
 */
export interface RetentionAdmin {
  listRetentionPolicies(input: Scoped): Promise<readonly RetentionPolicyView[]>;
  /** Audited by `updatedBy`; `WF_NOT_FOUND` for an unknown process key. */
  setRetentionPolicy(input: SetRetentionPolicyInput): Promise<RetentionPolicyView | null>;
}

/** How to open the service: `createWorkflowService` in `./create-workflow-service.ts`. */
export interface WorkflowServiceOptions {
  /** `postgres://…` switches to PostgreSQL; otherwise SQLite under `dataDir`. */
  readonly databaseUrl?: string;
  /** Directory of the SQLite file `linli.db` (default `data`). */
  readonly dataDir?: string;
  /** Job executor on/off (default on). Tests may drive it by hand. */
  readonly jobExecutor?: boolean;
  /** Lock owner name of this node's executor (default host name + pid). */
  readonly nodeId?: string;
  /** URL prefixes the webhook connector may call (exact origin + path prefix). Default none. */
  readonly webhookAllowList?: readonly string[];
  /** Where the retention clean-up writes its archive files (default `<dataDir>/archive`). */
  readonly archiveDir?: string;
  /** Clock override for tests (epoch ms). */
  readonly now?: () => number;
  /** Structured logger (pino-compatible subset). */
  readonly logger?: WorkflowLogger;
}

export interface WorkflowLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
