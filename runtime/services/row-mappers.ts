import type { JsonObject } from '../../engine/state/json.js';
import { toNumber, toNumberOrNull, toText, toTextOrNull, type SqlRow } from '../persistence/sql-database.js';
import type {
  AttachmentView,
  CommentView,
  CommentVisibility,
  DefinitionKind,
  DefinitionVersion,
  HistoryEntry,
  HistoryEventType,
  IncidentView,
  InstanceStatus,
  InstanceSummary,
  NotificationView,
  TaskStatus,
  TaskView,
} from './workflow-service.js';

/** Epoch ms → ISO string (null stays null). */
export function isoOf(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses a JSON column written by the runtime itself. */
export function parseJson<T>(text: unknown): T {
  // Columns written only by this runtime from values of type T.
  return JSON.parse(toText(text)) as T;
}

export const INSTANCE_COLUMNS =
  'i.id, i.community, i.definition_id, i.process_key, i.definition_version, i.status, i.business_key, i.state, i.version, i.started_by, i.started_at, i.ended_at, i.open_incidents';

/** An instance row as loaded for a command (state still JSON text). */
export interface InstanceRow {
  readonly id: string;
  readonly community: string;
  readonly definitionId: string;
  readonly processKey: string;
  readonly definitionVersion: number;
  readonly status: InstanceStatus;
  readonly businessKey: string | null;
  readonly state: string;
  readonly version: number;
  readonly startedBy: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly openIncidents: number;
}

export function instanceRowOf(row: SqlRow): InstanceRow {
  return {
    id: toText(row.id),
    community: toText(row.community),
    definitionId: toText(row.definition_id),
    processKey: toText(row.process_key),
    definitionVersion: toNumber(row.definition_version),
    status: toText(row.status) as InstanceStatus, // written only from InstanceState.status
    businessKey: toTextOrNull(row.business_key),
    state: toText(row.state),
    version: toNumber(row.version),
    startedBy: toText(row.started_by),
    startedAt: toNumber(row.started_at),
    endedAt: toNumberOrNull(row.ended_at),
    openIncidents: toNumber(row.open_incidents),
  };
}

export function instanceSummaryOf(row: InstanceRow, processName: string | null): InstanceSummary {
  return {
    id: row.id,
    processKey: row.processKey,
    processName,
    definitionId: row.definitionId,
    definitionVersion: row.definitionVersion,
    status: row.status,
    businessKey: row.businessKey,
    community: row.community,
    startedBy: row.startedBy,
    startedAt: iso(row.startedAt),
    endedAt: isoOf(row.endedAt),
    version: row.version,
    openIncidents: row.openIncidents,
  };
}

export const TASK_COLUMNS =
  't.id, t.instance_id, t.community, t.process_key, t.definition_id, t.element_id, t.name, t.status, t.assignee, t.candidate_groups, t.candidate_users, t.due_at, t.follow_up_at, t.priority, t.form_id, t.form_key, t.business_key, t.properties, t.warnings, t.created_at, t.completed_at, t.completed_by, t.version';

export function taskViewOf(row: SqlRow): TaskView {
  return {
    id: toText(row.id),
    instanceId: toText(row.instance_id),
    processKey: toText(row.process_key),
    definitionId: toText(row.definition_id),
    elementId: toText(row.element_id),
    name: toTextOrNull(row.name),
    community: toText(row.community),
    status: toText(row.status) as TaskStatus, // written only by the effect writer
    assignee: toTextOrNull(row.assignee),
    candidateGroups: parseJson<string[]>(row.candidate_groups),
    candidateUsers: parseJson<string[]>(row.candidate_users),
    dueDate: isoOf(toNumberOrNull(row.due_at)),
    followUpDate: isoOf(toNumberOrNull(row.follow_up_at)),
    priority: toNumber(row.priority),
    formId: toTextOrNull(row.form_id),
    formKey: toTextOrNull(row.form_key),
    businessKey: toTextOrNull(row.business_key),
    createdAt: iso(toNumber(row.created_at)),
    completedAt: isoOf(toNumberOrNull(row.completed_at)),
    completedBy: toTextOrNull(row.completed_by),
    version: toNumber(row.version),
    properties: parseJson<Record<string, string>>(row.properties),
    warnings: parseJson<string[]>(row.warnings),
  };
}

export const INCIDENT_COLUMNS =
  'id, instance_id, process_key, community, element_id, element_instance_id, kind, message, status, job_key, created_at, resolved_at, resolved_by';

export function incidentViewOf(row: SqlRow): IncidentView {
  return {
    id: toText(row.id),
    instanceId: toText(row.instance_id),
    processKey: toText(row.process_key),
    community: toText(row.community),
    elementId: toText(row.element_id),
    elementInstanceId: toText(row.element_instance_id),
    kind: toText(row.kind),
    message: toText(row.message),
    status: toText(row.status) === 'resolved' ? 'resolved' : 'open',
    jobKey: toTextOrNull(row.job_key),
    createdAt: iso(toNumber(row.created_at)),
    resolvedAt: isoOf(toNumberOrNull(row.resolved_at)),
    resolvedBy: toTextOrNull(row.resolved_by),
  };
}

export const HISTORY_COLUMNS = 'seq, instance_id, type, at, user_id, element_id, element_instance_id, data';

/** The entries of one history row (one command), ids `<seq>.<index>`, in order. */
export function historyEntriesOf(row: SqlRow): HistoryEntry[] {
  const seq = toNumber(row.seq);
  const instanceId = toText(row.instance_id);
  const at = iso(toNumber(row.at));
  const userId = toTextOrNull(row.user_id);
  // Written only by history-writer.ts as an array of HistoryRecord.
  const records = parseJson<{ type: HistoryEventType; elementId: string | null; elementInstanceId: string | null; data: JsonObject }[]>(row.data);
  return records.map((record, index) => ({
    id: `${seq}.${index}`,
    instanceId,
    type: record.type,
    at,
    userId,
    elementId: record.elementId,
    elementInstanceId: record.elementInstanceId,
    data: record.data,
  }));
}

export const DEFINITION_COLUMNS = 'id, kind, key, name, version, content_hash, community, deployed_by, deployed_at';

export function definitionVersionOf(row: SqlRow): DefinitionVersion {
  return {
    id: toText(row.id),
    kind: toText(row.kind) as DefinitionKind, // written only as 'bpmn' | 'form'
    key: toText(row.key),
    name: toTextOrNull(row.name),
    version: toNumber(row.version),
    contentHash: toText(row.content_hash),
    community: toText(row.community),
    deployedBy: toText(row.deployed_by),
    deployedAt: iso(toNumber(row.deployed_at)),
  };
}

export const COMMENT_COLUMNS = 'id, instance_id, task_id, community, visibility, body, author, created_at';

export function commentViewOf(row: SqlRow): CommentView {
  return {
    id: toText(row.id),
    instanceId: toText(row.instance_id),
    taskId: toTextOrNull(row.task_id),
    community: toText(row.community),
    visibility: toText(row.visibility) as CommentVisibility, // written only as 'internal' | 'public'
    body: toText(row.body),
    author: toText(row.author),
    createdAt: iso(toNumber(row.created_at)),
  };
}

export const ATTACHMENT_COLUMNS =
  'id, instance_id, task_id, community, file_name, media_type, size, sha256, storage_path, visibility, uploaded_by, uploaded_at';

export function attachmentViewOf(row: SqlRow): AttachmentView {
  return {
    id: toText(row.id),
    instanceId: toText(row.instance_id),
    taskId: toTextOrNull(row.task_id),
    community: toText(row.community),
    fileName: toText(row.file_name),
    mediaType: toText(row.media_type),
    size: toNumber(row.size),
    sha256: toText(row.sha256),
    storagePath: toText(row.storage_path),
    visibility: toText(row.visibility) as CommentVisibility, // written only as 'internal' | 'public'
    uploadedBy: toText(row.uploaded_by),
    uploadedAt: iso(toNumber(row.uploaded_at)),
  };
}

export const NOTIFICATION_COLUMNS = 'id, community, recipient_user, recipient_group, title, body, instance_id, created_at, read_at';

export function notificationViewOf(row: SqlRow): NotificationView {
  return {
    id: toText(row.id),
    community: toText(row.community),
    recipientUser: toTextOrNull(row.recipient_user),
    recipientGroup: toTextOrNull(row.recipient_group),
    title: toText(row.title),
    body: toText(row.body),
    instanceId: toTextOrNull(row.instance_id),
    createdAt: iso(toNumber(row.created_at)),
    readAt: isoOf(toNumberOrNull(row.read_at)),
  };
}
