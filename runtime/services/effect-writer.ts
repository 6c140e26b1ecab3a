import type { Command } from '../../engine/step/command.js';
import type { Effect, JobData, ParentOutcome, UserTaskData } from '../../engine/step/effect.js';
import type { EngineEvent } from '../../engine/step/event.js';
import type { JsonObject, JsonValue } from '../../engine/state/json.js';
import { toText, type SqlRow } from '../persistence/sql-database.js';
import type { CommandScope } from './command-scope.js';
import { isoOf, parseJson } from './row-mappers.js';

const INSERT_TASK = `INSERT INTO wf_user_task (id, instance_id, community, process_key, definition_id, element_id, name, status, assignee,
  candidate_groups, candidate_users, due_at, follow_up_at, priority, form_id, form_key, business_key, properties, warnings,
  created_at, completed_at, completed_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 1)`;
const INSERT_CANDIDATE = 'INSERT INTO wf_task_candidate (task_id, kind, value, community) VALUES (?, ?, ?, ?)';
const FINISH_TASK =
  'UPDATE wf_user_task SET status = ?, completed_at = ?, completed_by = ?, version = version + 1 WHERE id = ? RETURNING assignee, candidate_groups, candidate_users';
/** Re-opening a job (incident resolved) reuses its key: upsert. */
const UPSERT_JOB = `INSERT INTO wf_job (id, community, instance_id, definition_id, process_key, kind, type, element_id, element_instance_id,
  status, retries, due_at, lock_owner, lock_expires_at, payload, error_message, created_at)
  VALUES (?, ?, ?, ?, ?, 'service', ?, ?, ?, 'active', ?, ?, NULL, NULL, ?, NULL, ?)
  ON CONFLICT (id) DO UPDATE SET status = 'active', retries = excluded.retries, due_at = excluded.due_at, lock_owner = NULL,
  lock_expires_at = NULL, payload = excluded.payload, error_message = NULL, type = excluded.type`;
const DELETE_JOB = 'DELETE FROM wf_job WHERE id = ?';
const FAIL_JOB = `UPDATE wf_job SET retries = ?, error_message = ?, due_at = ?, lock_owner = NULL, lock_expires_at = NULL,
  status = ? WHERE id = ?`;
const INSERT_INCIDENT = `INSERT INTO wf_incident (id, community, instance_id, process_key, element_id, element_instance_id, kind, message,
  status, job_key, created_at, resolved_at, resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, NULL, NULL)`;
const RESOLVE_INCIDENT = "UPDATE wf_incident SET status = 'resolved', resolved_at = ?, resolved_by = ? WHERE id = ? AND status = 'open'";
const UPSERT_VARIABLE = `INSERT INTO wf_instance_variable (instance_id, name, community, text_value, num_value) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (instance_id, name) DO UPDATE SET text_value = excluded.text_value, num_value = excluded.num_value`;
const DELETE_VARIABLE = 'DELETE FROM wf_instance_variable WHERE instance_id = ? AND name = ?';
const UPSERT_TIMER = `INSERT INTO wf_job (id, community, instance_id, definition_id, process_key, kind, type, element_id, element_instance_id,
  status, retries, due_at, lock_owner, lock_expires_at, payload, error_message, created_at)
  VALUES (?, ?, ?, ?, ?, 'timer', 'timer', ?, ?, 'active', 1, ?, NULL, NULL, '{}', NULL, ?)
  ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, status = 'active', lock_owner = NULL, lock_expires_at = NULL`;
const DELETE_TIMER = "DELETE FROM wf_job WHERE id = ? AND kind = 'timer'";
const INSERT_SUBSCRIPTION = `INSERT INTO wf_message_subscription (id, kind, community, instance_id, element_instance_id, element_id, message_name,
  correlation_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const DELETE_SUBSCRIPTION = 'DELETE FROM wf_message_subscription WHERE id = ?';
const INSERT_OUTBOX = `INSERT INTO wf_outbox (id, community, kind, payload, idempotency_key, status, attempts, next_attempt_at, lock_owner,
  lock_expires_at, last_error, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, NULL, NULL, NULL, ?)`;
const TAKE_BUFFERED = `SELECT id, variables FROM wf_message WHERE community = ? AND name = ? AND correlation_key = ? AND expires_at > ?
  AND correlated_instance_id IS NULL ORDER BY created_at, id LIMIT 1`;
const MARK_CORRELATED = 'UPDATE wf_message SET correlated_instance_id = ? WHERE id = ? AND correlated_instance_id IS NULL';

/** Longest string variable copied into the searchable projection. */
const MAX_SEARCHABLE_TEXT = 200;

/** Applies the engine's effects as rows (tasks, jobs, incidents) and collects after-commit events. */
export async function writeEffects(scope: CommandScope, effects: readonly Effect[]): Promise<void> {
  for (const effect of effects) {
    switch (effect.type) {
      case 'userTask.created':
        await createTask(scope, effect.task);
        break;
      case 'userTask.completed':
        await finishTask(scope, effect.elementInstanceId, 'completed');
        break;
      case 'userTask.cancelled':
        await finishTask(scope, effect.elementInstanceId, 'cancelled');
        break;
      case 'job.created':
        await createJob(scope, effect.job);
        break;
      case 'job.completed':
      case 'job.cancelled':
        await scope.tx.run(DELETE_JOB, [effect.key]);
        break;
      case 'job.failed': {
        const backoff = Math.max(0, scope.retryBackoffMs ?? 0);
        await scope.tx.run(FAIL_JOB, [effect.retries, effect.errorMessage, scope.now + backoff, effect.retries > 0 ? 'active' : 'incident', effect.key]);
        break;
      }
      case 'incident.raised':
        await scope.tx.run(INSERT_INCIDENT, [
          effect.incidentId,
          scope.community,
          scope.instanceId,
          scope.processKey,
          effect.elementId,
          effect.elementInstanceId,
          effect.kind,
          effect.message,
          effect.kind === 'JOB_NO_RETRIES' ? effect.elementInstanceId : null,
          scope.now,
        ]);
        scope.committed.push({ type: 'incident.raised', community: scope.community, incidentId: effect.incidentId, instanceId: scope.instanceId });
        break;
      case 'incident.resolved':
        await scope.tx.run(RESOLVE_INCIDENT, [scope.now, scope.actor, effect.incidentId]);
        scope.committed.push({ type: 'incident.resolved', community: scope.community, incidentId: effect.incidentId, instanceId: scope.instanceId });
        break;
      case 'timer.scheduled':
        // A re-armed cycle reuses its subscription id: upsert with the new due time.
        await scope.tx.run(UPSERT_TIMER, [
          effect.subscriptionId,
          scope.community,
          scope.instanceId,
          scope.definitionId,
          scope.processKey,
          effect.elementId,
          effect.subscriptionId,
          effect.dueAt,
          scope.now,
        ]);
        break;
      case 'timer.cancelled':
        await scope.tx.run(DELETE_TIMER, [effect.subscriptionId]);
        break;
      case 'message.subscribed':
        await scope.tx.run(INSERT_SUBSCRIPTION, [
          effect.subscriptionId,
          'message',
          scope.community,
          scope.instanceId,
          effect.subscriptionId,
          effect.elementId,
          effect.messageName,
          effect.correlationKey ?? '',
          scope.now,
        ]);
        await offerBufferedMessage(scope, effect.subscriptionId, effect.messageName, effect.correlationKey ?? '');
        break;
      case 'signal.subscribed':
        await scope.tx.run(INSERT_SUBSCRIPTION, [
          effect.subscriptionId,
          'signal',
          scope.community,
          scope.instanceId,
          effect.subscriptionId,
          effect.elementId,
          effect.signalName,
          '',
          scope.now,
        ]);
        break;
      case 'message.unsubscribed':
      case 'signal.unsubscribed':
        await scope.tx.run(DELETE_SUBSCRIPTION, [effect.subscriptionId]);
        break;
      case 'signal.broadcast':
        // Other instances are reached after commit through the outbox (at least once).
        await scope.tx.run(INSERT_OUTBOX, [
          scope.newId(),
          scope.community,
          'signal',
          JSON.stringify({ name: effect.signalName, variables: effect.variables }),
          `${scope.instanceId}:${scope.now}:${effect.signalName}`,
          scope.now,
          scope.now,
        ]);
        break;
      case 'childInstance.create':
        scope.followUps.push({
          kind: 'createChild',
          parentInstanceId: scope.instanceId,
          elementInstanceId: effect.elementInstanceId,
          childInstanceId: effect.childInstanceId,
          processId: effect.processId,
          variables: effect.variables,
        });
        break;
      case 'childInstance.cancel':
        scope.followUps.push({ kind: 'command', instanceId: effect.childInstanceId, command: { type: 'cancelInstance' } });
        break;
      case 'parent.notify':
        scope.followUps.push({ kind: 'command', instanceId: effect.parent.instanceId, command: parentCommand(effect.parent.elementInstanceId, effect.outcome) });
        break;
      default:
        assertNever(effect);
    }
  }
}

/** Keeps the searchable copy of top-level scalar variables in step with `variable.set` events. */
export async function writeVariableProjection(scope: CommandScope, events: readonly EngineEvent[], before: JsonObject): Promise<void> {
  const latest = new Map<string, JsonValue>();
  for (const event of events) {
    if (event.type === 'variable.set' && event.scope === null) latest.set(event.name, event.value);
  }
  for (const [name, value] of latest) {
    // Form data often repeats values already set; a scalar that did not change needs no write.
    const previous = before[name];
    if (previous !== undefined && (value === null || typeof value !== 'object') && previous === value) continue;
    const text = typeof value === 'string' && value.length <= MAX_SEARCHABLE_TEXT ? value : typeof value === 'boolean' ? String(value) : null;
    const num = typeof value === 'number' && Number.isFinite(value) ? value : null;
    if (text === null && num === null) await scope.tx.run(DELETE_VARIABLE, [scope.instanceId, name]);
    else await scope.tx.run(UPSERT_VARIABLE, [scope.instanceId, name, scope.community, text, num]);
  }
}

async function createTask(scope: CommandScope, task: UserTaskData): Promise<void> {
  const warnings = [...task.warnings];
  const dueAt = timeOf(task.dueDate, 'dueDate', warnings);
  const followUpAt = timeOf(task.followUpDate, 'followUpDate', warnings);
  const groups = unique(task.candidateGroups);
  const users = unique(task.candidateUsers);
  await scope.tx.run(INSERT_TASK, [
    task.elementInstanceId,
    scope.instanceId,
    scope.community,
    scope.processKey,
    scope.definitionId,
    task.elementId,
    task.name,
    task.assignee,
    JSON.stringify(groups),
    JSON.stringify(users),
    dueAt,
    followUpAt,
    task.priority,
    task.formId,
    task.formKey,
    scope.businessKey,
    JSON.stringify(task.properties),
    JSON.stringify(warnings),
    scope.now,
  ]);
  for (const group of groups) await scope.tx.run(INSERT_CANDIDATE, [task.elementInstanceId, 'g', group, scope.community]);
  for (const user of users) await scope.tx.run(INSERT_CANDIDATE, [task.elementInstanceId, 'u', user, scope.community]);
  scope.createdTasks.push({
    id: task.elementInstanceId,
    instanceId: scope.instanceId,
    processKey: scope.processKey,
    definitionId: scope.definitionId,
    elementId: task.elementId,
    name: task.name,
    community: scope.community,
    status: 'open',
    assignee: task.assignee,
    candidateGroups: groups,
    candidateUsers: users,
    dueDate: isoOf(dueAt),
    followUpDate: isoOf(followUpAt),
    priority: task.priority,
    formId: task.formId,
    formKey: task.formKey,
    businessKey: scope.businessKey,
    createdAt: new Date(scope.now).toISOString(),
    completedAt: null,
    completedBy: null,
    version: 1,
    properties: task.properties,
    warnings,
  });
  scope.committed.push({
    type: 'task.created',
    community: scope.community,
    taskId: task.elementInstanceId,
    instanceId: scope.instanceId,
    assignee: task.assignee,
    candidateGroups: groups,
    candidateUsers: users,
  });
}

async function finishTask(scope: CommandScope, taskId: string, status: 'completed' | 'cancelled'): Promise<void> {
  const completedBy = status === 'completed' ? scope.actor : null;
  const row: SqlRow | undefined = await scope.tx.get(FINISH_TASK, [status, scope.now, completedBy, taskId]);
  if (!row) return;
  scope.committed.push({
    type: status === 'completed' ? 'task.completed' : 'task.cancelled',
    community: scope.community,
    taskId,
    instanceId: scope.instanceId,
    assignee: row.assignee === null || row.assignee === undefined ? null : toText(row.assignee),
    candidateGroups: parseJson<string[]>(row.candidate_groups),
    candidateUsers: parseJson<string[]>(row.candidate_users),
  });
}

async function createJob(scope: CommandScope, job: JobData): Promise<void> {
  await scope.tx.run(UPSERT_JOB, [
    job.key,
    scope.community,
    scope.instanceId,
    scope.definitionId,
    scope.processKey,
    job.type,
    job.elementId,
    job.key,
    job.retries,
    scope.now,
    JSON.stringify({ headers: job.headers, variables: job.variables }),
    scope.now,
  ]);
  scope.committed.push({ type: 'job.available', community: scope.community, jobType: job.type });
}

/** A new subscription takes the oldest unexpired buffered message for it (same transaction). */
async function offerBufferedMessage(scope: CommandScope, subscriptionId: string, name: string, correlationKey: string): Promise<void> {
  const row = await scope.tx.get(TAKE_BUFFERED, [scope.community, name, correlationKey, scope.now]);
  if (!row) return;
  const taken = await scope.tx.run(MARK_CORRELATED, [scope.instanceId, toText(row.id)]);
  if (taken === 0) return;
  scope.followUps.push({
    kind: 'command',
    instanceId: scope.instanceId,
    command: { type: 'correlateMessage', subscriptionId, variables: parseJson<JsonObject>(row.variables) },
  });
}

function parentCommand(elementInstanceId: string, outcome: ParentOutcome): Command {
  switch (outcome.kind) {
    case 'completed':
      return { type: 'completeCallActivity', elementInstanceId, variables: outcome.variables };
    case 'error':
      return { type: 'childError', elementInstanceId, errorCode: outcome.errorCode, ...(outcome.errorMessage !== undefined ? { errorMessage: outcome.errorMessage } : {}) };
    case 'escalation':
      return { type: 'childEscalation', elementInstanceId, escalationCode: outcome.escalationCode };
    case 'terminated':
      return { type: 'childTerminated', elementInstanceId };
    default:
      return assertNever(outcome);
  }
}

function timeOf(iso: string | null, field: string, warnings: string[]): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    warnings.push(`${field} 不是有效时间：${iso} / ${field} is not a valid date-time: ${iso}`);
    return null;
  }
  return ms;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(value)}`);
}
