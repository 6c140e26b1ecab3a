import type { WorkingCalendar } from '../../engine/calendar/working-calendar.js';
import type { ExecutableModel } from '../../engine/model/executable-model.js';
import type { InstanceState } from '../../engine/state/instance-state.js';
import type { JsonObject } from '../../engine/state/json.js';
import type { Command } from '../../engine/step/command.js';
import { refuseProvidedVariables } from '../start-variables/refuse-provided-variables.js';
import { toNumber, toNumberOrNull, toText, toTextOrNull, type SqlDatabase, type SqlRow, type SqlTx, type SqlValue } from '../persistence/sql-database.js';
import { CommandProcessor, type CommandOutcome, type CommandOptions } from './command-processor.js';
import { CommittedEvents } from './committed-events.js';
import { DefinitionStore } from './definition-store.js';
import { BadRequestError, ConflictError, InvalidStateError, NotFoundError, UnavailableError } from './errors.js';
import { eventStartTargets } from './event-starts.js';
import { consumeStartTimer, type DueStartTimer } from './start-timers.js';
import { isUniqueViolation } from './unique-violation.js';
import type { HistoryRecord } from './history-writer.js';
import type { JobExecutor } from './job-executor.js';
import { acquireJobs } from './job-store.js';
import { decodeCursor, encodeCursor, keysetClause, limitOf, pageOf } from './keyset-page.js';
import { ModelCache } from './model-cache.js';
import {
  ATTACHMENT_COLUMNS,
  attachmentViewOf,
  COMMENT_COLUMNS,
  commentViewOf,
  HISTORY_COLUMNS,
  historyEntriesOf,
  INCIDENT_COLUMNS,
  incidentViewOf,
  INSTANCE_COLUMNS,
  instanceRowOf,
  instanceSummaryOf,
  NOTIFICATION_COLUMNS,
  notificationViewOf,
  TASK_COLUMNS,
  taskViewOf,
  type InstanceRow,
} from './row-mappers.js';
import { taskQuerySql } from './task-query.js';
import type { WorkflowEngine } from './workflow-engine.js';
import type {
  ActivateJobsInput,
  ActivatedJob,
  ActiveElement,
  AddAttachmentInput,
  AddCommentInput,
  AssignTaskInput,
  AttachmentView,
  BroadcastSignalInput,
  BroadcastSignalResult,
  CancelInstanceInput,
  CommentView,
  CommittedEvent,
  CommittedListener,
  CompleteJobInput,
  CompleteTaskInput,
  CompleteTaskResult,
  DefinitionSummary,
  DefinitionVersion,
  DefinitionWithContent,
  DeployDefinitionInput,
  DeployResult,
  FailJobInput,
  GetDefinitionInput,
  GetInstanceInput,
  HistoryEntry,
  IncidentView,
  InstanceDetails,
  InstanceSummary,
  JobRef,
  ListAttachmentsInput,
  ListCommentsInput,
  ListDefinitionsInput,
  ListDefinitionVersionsInput,
  ListHistoryInput,
  ListIncidentsInput,
  ListInstancesInput,
  ListNotificationsInput,
  MarkNotificationReadInput,
  NotificationView,
  Page,
  PublishMessageInput,
  PublishMessageResult,
  QueryTasksInput,
  RetentionAdmin,
  RetentionPolicyView,
  RetryIncidentInput,
  Scoped,
  SetRetentionPolicyInput,
  StartInstanceInput,
  StartedInstance,
  TaskDetails,
  TaskRef,
  TaskView,
  ThrowJobErrorInput,
  UpdateVariablesInput,
  WorkflowService,
} from './workflow-service.js';

export interface SqlWorkflowServiceDeps {
  readonly db: SqlDatabase;
  readonly engine: WorkflowEngine;
  readonly calendar: WorkingCalendar;
  readonly now: () => number;
  readonly newId: () => string;
  /** Called by `close()` after the service stopped (job executor, database). */
  readonly onClose?: () => Promise<void>;
}

/** Newest history entries returned with an instance. */
const HISTORY_IN_DETAILS = 200;

// Hot statements as constants: the prepared-statement cache is keyed by the SQL text, and a
// template built on every call costs a fresh 400-character string to hash (about 1 µs a lookup).
const TASK_BY_ID = `SELECT ${TASK_COLUMNS} FROM wf_user_task t WHERE t.id = ? AND t.community = ?`;
const TASK_VERSION_BY_ID = 'SELECT version FROM wf_user_task WHERE id = ? AND community = ?';
const TASK_WITH_STATE_BY_ID = `SELECT ${TASK_COLUMNS}, i.state AS instance_state FROM wf_user_task t JOIN wf_process_instance i ON i.id = t.instance_id WHERE t.id = ? AND t.community = ?`;
const INSTANCE_BY_ID = `SELECT ${INSTANCE_COLUMNS} FROM wf_process_instance i WHERE i.id = ? AND i.community = ?`;
const INCIDENTS_OF_INSTANCE = `SELECT ${INCIDENT_COLUMNS} FROM wf_incident WHERE instance_id = ? ORDER BY created_at, id`;
const LATEST_HISTORY = `SELECT ${HISTORY_COLUMNS} FROM wf_history_event WHERE instance_id = ? ORDER BY seq DESC LIMIT ${HISTORY_IN_DETAILS + 1}`;
/** Long polls re-check the table this often even without a wake-up (other nodes, lock expiry). */
const LONG_POLL_RECHECK_MS = 1_000;
const MAX_LONG_POLL_MS = 60_000;
/** Like Zeebe and the in-memory host: an unmatched message waits an hour for a subscription. */
const DEFAULT_MESSAGE_TTL_MS = 3_600_000;

/** The workflow service on SQLite or PostgreSQL through the lean SQL path. */
export class SqlWorkflowService implements WorkflowService, RetentionAdmin {
  readonly events = new CommittedEvents();
  /** Set by the factory; runs timers, built-in connectors and the outbox. */
  executor: JobExecutor | undefined;
  readonly processor: CommandProcessor;
  readonly definitions: DefinitionStore;
  private readonly models: ModelCache;
  /** The connection identity shares: SQLite allows one writer per process. */
  readonly db: SqlDatabase;
  readonly clock: { now(): number; readonly calendar: WorkingCalendar };
  private closed = false;
  private readonly processNames = new Map<string, string | null>();

  constructor(private readonly deps: SqlWorkflowServiceDeps) {
    this.db = deps.db;
    this.definitions = new DefinitionStore(deps.db, deps.engine, deps.now, deps.newId, (id, model) => this.models.put(id, model), deps.calendar);
    this.models = new ModelCache((id, reader) => this.definitions.loadModel(id, reader));
    this.processor = new CommandProcessor({ db: deps.db, engine: deps.engine, models: this.models, calendar: deps.calendar, now: deps.now, newId: deps.newId });
    this.clock = { now: deps.now, calendar: deps.calendar };
  }

  // ───────────── definitions ─────────────

  deployDefinition(input: DeployDefinitionInput): Promise<DeployResult> {
    return this.definitions.deploy(input);
  }

  listDefinitions(input: ListDefinitionsInput): Promise<Page<DefinitionSummary>> {
    return this.definitions.list(input);
  }

  listDefinitionVersions(input: ListDefinitionVersionsInput): Promise<Page<DefinitionVersion>> {
    return this.definitions.versions(input);
  }

  getDefinition(input: GetDefinitionInput): Promise<DefinitionWithContent> {
    return this.definitions.get(input);
  }

  getDefinitionVersion(input: GetDefinitionInput): Promise<DefinitionVersion> {
    return this.definitions.version(input);
  }

  // ───────────── instances ─────────────

  async startInstance(input: StartInstanceInput): Promise<StartedInstance> {
    const definition = await this.definitions.process(input.community, input.processKey, input.version);
    const outcome = await this.db.transaction((tx) =>
      this.processor.start(tx, {
        community: input.community,
        definitionId: definition.id,
        processKey: definition.key,
        definitionVersion: definition.version,
        businessKey: input.businessKey ?? null,
        variables: input.variables,
        actor: input.userId,
      }),
    );
    this.events.emit(outcome.committed);
    return { ...(await this.details(outcome.row, outcome.state, definition.name)), createdTasks: outcome.createdTasks };
  }

  async getInstance(input: GetInstanceInput): Promise<InstanceDetails> {
    const row = await this.instanceRow(this.db, input.community, input.id);
    // The state column holds an InstanceState written by the command processor.
    const state = JSON.parse(row.state) as InstanceState;
    return this.details(row, state, await this.processName(row.definitionId));
  }

  async listInstances(input: ListInstancesInput): Promise<Page<InstanceSummary>> {
    const limit = limitOf(input);
    const where: string[] = ['i.community = ?'];
    const params: SqlValue[] = [input.community];
    const add = (clause: string, value: SqlValue) => {
      where.push(clause);
      params.push(value);
    };
    if (input.processKey !== undefined) add('i.process_key = ?', input.processKey);
    if (input.status !== undefined) add('i.status = ?', input.status);
    if (input.businessKey !== undefined) add('i.business_key = ?', input.businessKey);
    if (input.startedBy !== undefined) add('i.started_by = ?', input.startedBy);
    if (input.startedAfter !== undefined) add('i.started_at >= ?', timeOf(input.startedAfter, 'startedAfter'));
    if (input.startedBefore !== undefined) add('i.started_at < ?', timeOf(input.startedBefore, 'startedBefore'));
    const keyset = keysetClause({ column: 'i.started_at', idColumn: 'i.id', order: 'desc' }, input.cursor);
    if (keyset.where) {
      where.push(keyset.where);
      params.push(...keyset.params);
    }
    const rows = await this.db.all(
      `SELECT ${INSTANCE_COLUMNS}, d.name AS process_name FROM wf_process_instance i LEFT JOIN wf_definition d ON d.id = i.definition_id
       WHERE ${where.join(' AND ')} ${keyset.orderBy} LIMIT ${limit + 1}`,
      params,
    );
    return pageOf(
      rows,
      limit,
      (row) => instanceSummaryOf(instanceRowOf(row), toTextOrNull(row.process_name)),
      (row) => ({ v: toNumber(row.started_at), id: toText(row.id) }),
    );
  }

  async listHistory(input: ListHistoryInput): Promise<Page<HistoryEntry>> {
    await this.instanceRow(this.db, input.community, input.instanceId);
    const limit = limitOf(input);
    // Rows hold one command's events each; the cursor is (row seq, index of the last entry given).
    const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
    const afterSeq = after === null ? -1 : Number(after.v);
    const afterIndex = after === null ? -1 : Number(after.id);
    if (!Number.isInteger(afterSeq) || !Number.isInteger(afterIndex)) throw new BadRequestError('分页游标无效 / invalid pagination cursor');
    // Each row has at least one entry, so `limit + 1` rows always hold enough.
    const rows = await this.db.all(`SELECT ${HISTORY_COLUMNS} FROM wf_history_event WHERE instance_id = ? AND community = ? AND seq >= ? ORDER BY seq LIMIT ${limit + 1}`, [
      input.instanceId,
      input.community,
      afterSeq,
    ]);
    const entries: { entry: HistoryEntry; seq: number; index: number }[] = [];
    for (const row of rows) {
      const seq = toNumber(row.seq);
      historyEntriesOf(row).forEach((entry, index) => {
        if (seq > afterSeq || index > afterIndex) entries.push({ entry, seq, index });
      });
    }
    const page = entries.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((e) => e.entry), nextCursor: entries.length > limit && last ? encodeCursor({ v: last.seq, id: last.index }) : null };
  }

  async cancelInstance(input: CancelInstanceInput): Promise<InstanceSummary> {
    const outcome = await this.command(input.community, input.id, { type: 'cancelInstance' }, {
      actor: input.userId,
      history: [{ type: 'instance.cancelled', elementId: null, elementInstanceId: null, data: { reason: input.reason } }],
    });
    return instanceSummaryOf(outcome.row, await this.processName(outcome.row.definitionId));
  }

  async updateVariables(input: UpdateVariablesInput): Promise<InstanceSummary> {
    const outcome = await this.inTransaction(async (tx) => {
      const row = await this.processor.lockInstance(tx, input.community, input.instanceId);
      // The state column holds an InstanceState written by the command processor.
      const state = JSON.parse(row.state) as InstanceState;
      const scopeVariables = input.elementInstanceId === undefined ? state.variables : state.elements[input.elementInstanceId]?.variables;
      if (input.elementInstanceId !== undefined && !state.elements[input.elementInstanceId]) {
        throw new NotFoundError('元素实例 / element instance', input.elementInstanceId);
      }
      const old: JsonObject = {};
      for (const name of Object.keys(input.variables)) old[name] = scopeVariables?.[name] ?? null;
      return this.processor.execute(
        tx,
        row,
        { type: 'setVariables', elementInstanceId: input.elementInstanceId ?? null, variables: input.variables },
        {
          actor: input.userId,
          history: [
            { type: 'variables.updated', elementId: null, elementInstanceId: input.elementInstanceId ?? null, data: { reason: input.reason, old, new: input.variables } },
          ],
        },
      );
    });
    return instanceSummaryOf(outcome.row, await this.processName(outcome.row.definitionId));
  }

  // ───────────── user tasks ─────────────

  async queryTasks(input: QueryTasksInput): Promise<Page<TaskView>> {
    const limit = limitOf(input);
    const { sql, params, sort } = taskQuerySql(input, this.deps.now(), limit);
    const rows = await this.db.all(sql, params);
    const column = sort.column.slice(2); // strip the `t.` alias
    return pageOf(rows, limit, taskViewOf, (row) => ({ v: toNumberOrNull(row[column]), id: toText(row.id) }));
  }

  async getTask(input: Scoped & { readonly taskId: string }): Promise<TaskDetails> {
    const row = await this.db.get(TASK_WITH_STATE_BY_ID, [input.taskId, input.community]);
    if (!row) throw new NotFoundError('任务 / task', input.taskId);
    const task = taskViewOf(row);
    // The state column holds an InstanceState written by the command processor.
    const state = JSON.parse(toText(row.instance_state)) as InstanceState;
    return { ...task, variables: visibleVariables(state, task.id) };
  }

  getTaskView(input: Scoped & { readonly taskId: string }): Promise<TaskView> {
    return this.taskRow(this.db, input.community, input.taskId);
  }

  async claimTask(input: TaskRef): Promise<TaskView> {
    return this.changeAssignee(input, (task) => {
      if (task.status !== 'open') throw taskClosed(task);
      if (task.assignee !== null && task.assignee !== input.userId) {
        throw new ConflictError(`任务已被 ${task.assignee} 认领 / the task is already claimed by ${task.assignee}`, { assignee: task.assignee });
      }
      return { assignee: input.userId, history: { type: 'task.claimed', elementId: task.elementId, elementInstanceId: task.id, data: {} } };
    });
  }

  async unclaimTask(input: TaskRef): Promise<TaskView> {
    return this.changeAssignee(input, (task) => {
      if (task.status !== 'open') throw taskClosed(task);
      return { assignee: null, history: { type: 'task.unclaimed', elementId: task.elementId, elementInstanceId: task.id, data: { previous: task.assignee } } };
    });
  }

  async assignTask(input: AssignTaskInput): Promise<TaskView> {
    return this.changeAssignee(input, (task) => {
      if (task.status !== 'open') throw taskClosed(task);
      return {
        assignee: input.assignee,
        history: { type: 'task.assigned', elementId: task.elementId, elementInstanceId: task.id, data: { previous: task.assignee, assignee: input.assignee, reason: input.reason } },
      };
    });
  }

  async completeTask(input: CompleteTaskInput): Promise<CompleteTaskResult> {
    refuseProvidedVariables(input.variables, { zh: '办理任务', en: 'when completing a task' });
    const { outcome, task } = await this.inTransactionWith(async (tx) => {
      const row = await this.processor.lockInstanceOfTask(tx, input.community, input.taskId);
      // Read under the instance lock: a concurrent completion may have committed meanwhile.
      const current = await this.currentTask(tx, input.community, input.taskId, input.read);
      if (current.status !== 'open') throw taskClosed(current);
      if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
        throw new ConflictError(undefined, { taskId: current.id, expectedVersion: input.expectedVersion, version: current.version });
      }
      const command: Command = { type: 'completeUserTask', elementInstanceId: current.id, ...(input.variables ? { variables: input.variables } : {}) };
      const result = await this.processor.execute(tx, row, command, {
        actor: input.userId,
        history: [{ type: 'task.completed', elementId: current.elementId, elementInstanceId: current.id, data: {} }],
      });
      const completed: TaskView = { ...current, status: 'completed', completedAt: new Date(this.deps.now()).toISOString(), completedBy: input.userId, version: current.version + 1 };
      return { outcome: result, task: completed };
    });
    return { task, instance: instanceSummaryOf(outcome.row, await this.processName(outcome.row.definitionId)), createdTasks: outcome.createdTasks };
  }

  // ───────────── comments and attachments ─────────────

  async addComment(input: AddCommentInput): Promise<CommentView> {
    const body = input.body.trim();
    if (body.length === 0 || body.length > 10_000) throw new BadRequestError('评论须为 1–10000 个字符 / a comment must be 1–10,000 characters');
    const id = this.deps.newId();
    const now = this.deps.now();
    await this.inTransaction(async (tx) => {
      const row = await this.processor.lockInstance(tx, input.community, input.instanceId);
      if (input.taskId !== undefined) await this.taskOfInstance(tx, input.community, input.taskId, row.id);
      await tx.run(`INSERT INTO wf_comment (${COMMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        id,
        row.id,
        input.taskId ?? null,
        input.community,
        input.visibility,
        body,
        input.userId,
        now,
      ]);
      await this.processor.record(tx, row, input.userId, [
        { type: 'comment.added', elementId: null, elementInstanceId: input.taskId ?? null, data: { commentId: id, visibility: input.visibility } },
      ]);
      return noOutcome();
    });
    return { id, instanceId: input.instanceId, taskId: input.taskId ?? null, community: input.community, visibility: input.visibility, body, author: input.userId, createdAt: new Date(now).toISOString() };
  }

  async listComments(input: ListCommentsInput): Promise<Page<CommentView>> {
    await this.instanceRow(this.db, input.community, input.instanceId);
    const limit = limitOf(input);
    const params: SqlValue[] = [input.instanceId, input.community];
    let filter = '';
    if (input.visibility) {
      filter = ' AND visibility = ?';
      params.push(input.visibility);
    }
    const keyset = keysetClause({ column: 'created_at', idColumn: 'id', order: 'asc' }, input.cursor);
    const rows = await this.db.all(
      `SELECT ${COMMENT_COLUMNS} FROM wf_comment WHERE instance_id = ? AND community = ?${filter}${keyset.where ? ` AND ${keyset.where}` : ''} ${keyset.orderBy} LIMIT ${limit + 1}`,
      [...params, ...keyset.params],
    );
    return pageOf(rows, limit, commentViewOf, (row) => ({ v: toNumber(row.created_at), id: toText(row.id) }));
  }

  async addAttachment(input: AddAttachmentInput): Promise<AttachmentView> {
    const id = this.deps.newId();
    const now = this.deps.now();
    await this.inTransaction(async (tx) => {
      const row = await this.processor.lockInstance(tx, input.community, input.instanceId);
      if (input.taskId !== undefined) await this.taskOfInstance(tx, input.community, input.taskId, row.id);
      await tx.run(`INSERT INTO wf_attachment (${ATTACHMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        id,
        row.id,
        input.taskId ?? null,
        input.community,
        input.fileName,
        input.mediaType,
        input.size,
        input.sha256,
        input.storagePath,
        input.visibility,
        input.userId,
        now,
      ]);
      return noOutcome();
    });
    return this.getAttachment({ community: input.community, attachmentId: id });
  }

  async listAttachments(input: ListAttachmentsInput): Promise<Page<AttachmentView>> {
    await this.instanceRow(this.db, input.community, input.instanceId);
    const limit = limitOf(input);
    const keyset = keysetClause({ column: 'uploaded_at', idColumn: 'id', order: 'asc' }, input.cursor);
    const rows = await this.db.all(
      `SELECT ${ATTACHMENT_COLUMNS} FROM wf_attachment WHERE instance_id = ? AND community = ?${keyset.where ? ` AND ${keyset.where}` : ''} ${keyset.orderBy} LIMIT ${limit + 1}`,
      [input.instanceId, input.community, ...keyset.params],
    );
    return pageOf(rows, limit, attachmentViewOf, (row) => ({ v: toNumber(row.uploaded_at), id: toText(row.id) }));
  }

  async getAttachment(input: Scoped & { readonly attachmentId: string }): Promise<AttachmentView> {
    const row = await this.db.get(`SELECT ${ATTACHMENT_COLUMNS} FROM wf_attachment WHERE id = ? AND community = ?`, [input.attachmentId, input.community]);
    if (!row) throw new NotFoundError('附件 / attachment', input.attachmentId);
    return attachmentViewOf(row);
  }

  // ───────────── messages and signals ─────────────

  async publishMessage(input: PublishMessageInput): Promise<PublishMessageResult> {
    refuseProvidedVariables(input.variables, { zh: '发送消息', en: 'with a message' });
    const ttl = input.timeToLiveMs ?? DEFAULT_MESSAGE_TTL_MS;
    if (!(ttl >= 0)) throw new BadRequestError('timeToLiveMs 不能为负 / timeToLiveMs must not be negative');
    const variables = input.variables ?? {};
    try {
      const result = await this.db.transaction(async (tx) => {
        const messageKey = this.deps.newId();
        const now = this.deps.now();
        if (input.messageId !== undefined) {
          const seen = await tx.get('SELECT id FROM wf_message WHERE community = ? AND message_id = ?', [input.community, input.messageId]);
          if (seen) return { result: { messageKey: toText(seen.id), correlated: false, instanceIds: [], startedInstanceIds: [], buffered: false, duplicate: true }, committed: [] };
        }
        const committed: CommittedEvent[] = [];
        // Once per waiting instance: its oldest matching subscription.
        const subscriptions = await tx.all(
          `SELECT id, instance_id FROM wf_message_subscription WHERE community = ? AND kind = 'message' AND message_name = ? AND correlation_key = ? ORDER BY created_at, id`,
          [input.community, input.name, input.correlationKey],
        );
        const reached = new Map<string, string>();
        for (const sub of subscriptions) if (!reached.has(toText(sub.instance_id))) reached.set(toText(sub.instance_id), toText(sub.id));
        const instanceIds: string[] = [];
        for (const [instanceId, subscriptionId] of reached) {
          const row = await this.processor.lockInstance(tx, input.community, instanceId);
          // Under the instance lock: a timer or another message may have taken the subscription meanwhile.
          if (!(await tx.get('SELECT id FROM wf_message_subscription WHERE id = ?', [subscriptionId]))) continue;
          const outcome = await this.processor.execute(tx, row, { type: 'correlateMessage', subscriptionId, variables }, { actor: input.userId });
          committed.push(...outcome.committed);
          instanceIds.push(instanceId);
        }
        const startedInstanceIds: string[] = [];
        for (const target of await eventStartTargets(tx, this.models, input.community, 'message', input.name)) {
          const outcome = await this.processor.start(tx, { ...target, community: input.community, businessKey: input.correlationKey || null, variables, actor: input.userId });
          committed.push(...outcome.committed);
          startedInstanceIds.push(outcome.row.id);
        }
        const correlated = instanceIds.length > 0 || startedInstanceIds.length > 0;
        const buffered = !correlated && ttl > 0;
        // The row is kept when buffered, and always when it carries an id (de-duplication).
        if (buffered || input.messageId !== undefined) {
          await tx.run(
            `INSERT INTO wf_message (id, community, name, correlation_key, message_id, variables, expires_at, correlated_instance_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [messageKey, input.community, input.name, input.correlationKey, input.messageId ?? null, JSON.stringify(variables), now + (buffered ? ttl : 0), correlated ? (instanceIds[0] ?? startedInstanceIds[0] ?? null) : null, now],
          );
        }
        return { result: { messageKey, correlated, instanceIds, startedInstanceIds, buffered, duplicate: false }, committed };
      });
      this.events.emit(result.committed);
      return result.result;
    } catch (error) {
      // Two publishes with one message id at the same moment: the unique index refuses the second.
      if (isUniqueViolation(error)) return { messageKey: '', correlated: false, instanceIds: [], startedInstanceIds: [], buffered: false, duplicate: true };
      throw error;
    }
  }

  async broadcastSignal(input: BroadcastSignalInput): Promise<BroadcastSignalResult> {
    refuseProvidedVariables(input.variables, { zh: '广播信号', en: 'with a signal' });
    const variables = input.variables ?? {};
    const result = await this.db.transaction(async (tx) => {
      const committed: CommittedEvent[] = [];
      const subscriptions = await tx.all(
        `SELECT id, instance_id FROM wf_message_subscription WHERE community = ? AND kind = 'signal' AND message_name = ? ORDER BY created_at, id`,
        [input.community, input.name],
      );
      const instanceIds = new Set<string>();
      for (const sub of subscriptions) {
        const instanceId = toText(sub.instance_id);
        const row = await this.processor.lockInstance(tx, input.community, instanceId);
        // Under the instance lock: an earlier trigger (or a racing timer) may have removed this subscription.
        const still = await tx.get('SELECT id FROM wf_message_subscription WHERE id = ?', [toText(sub.id)]);
        if (!still || row.status !== 'active') continue;
        const outcome = await this.processor.execute(tx, row, { type: 'triggerSignal', subscriptionId: toText(sub.id), variables }, { actor: input.userId });
        committed.push(...outcome.committed);
        instanceIds.add(instanceId);
      }
      const startedInstanceIds: string[] = [];
      for (const target of await eventStartTargets(tx, this.models, input.community, 'signal', input.name)) {
        const outcome = await this.processor.start(tx, { ...target, community: input.community, businessKey: null, variables, actor: input.userId });
        committed.push(...outcome.committed);
        startedInstanceIds.push(outcome.row.id);
      }
      return { result: { instanceIds: [...instanceIds], startedInstanceIds }, committed };
    });
    this.events.emit(result.committed);
    return result.result;
  }

  // ───────────── incidents ─────────────

  async listIncidents(input: ListIncidentsInput): Promise<Page<IncidentView>> {
    const limit = limitOf(input);
    const where: string[] = ['community = ?'];
    const params: SqlValue[] = [input.community];
    if (input.status) {
      where.push('status = ?');
      params.push(input.status);
    }
    if (input.instanceId) {
      where.push('instance_id = ?');
      params.push(input.instanceId);
    }
    if (input.processKey) {
      where.push('process_key = ?');
      params.push(input.processKey);
    }
    const keyset = keysetClause({ column: 'created_at', idColumn: 'id', order: 'desc' }, input.cursor);
    if (keyset.where) {
      where.push(keyset.where);
      params.push(...keyset.params);
    }
    const rows = await this.db.all(`SELECT ${INCIDENT_COLUMNS} FROM wf_incident WHERE ${where.join(' AND ')} ${keyset.orderBy} LIMIT ${limit + 1}`, params);
    return pageOf(rows, limit, incidentViewOf, (row) => ({ v: toNumber(row.created_at), id: toText(row.id) }));
  }

  async retryIncident(input: RetryIncidentInput): Promise<IncidentView> {
    const incidentId = input.incidentId;
    await this.inTransaction(async (tx) => {
      const incident = await tx.get(`SELECT ${INCIDENT_COLUMNS} FROM wf_incident WHERE id = ? AND community = ?`, [incidentId, input.community]);
      if (!incident) throw new NotFoundError('事故 / incident', incidentId);
      if (toText(incident.status) !== 'open') throw new InvalidStateError(`事故 ${incidentId} 已解决 / incident ${incidentId} is already resolved`, { incidentId });
      const row = await this.processor.lockInstance(tx, input.community, toText(incident.instance_id));
      const outcome = await this.processor.execute(tx, row, { type: 'resolveIncident', incidentId }, {
        actor: input.userId,
        history: [{ type: 'incident.retried', elementId: toText(incident.element_id), elementInstanceId: toText(incident.element_instance_id), data: { incidentId } }],
      });
      const jobKey = toTextOrNull(incident.job_key);
      if (jobKey !== null && input.retries !== undefined) {
        await tx.run("UPDATE wf_job SET retries = ? WHERE id = ? AND status = 'active'", [Math.max(1, Math.floor(input.retries)), jobKey]);
      }
      return outcome;
    });
    const row = await this.db.get(`SELECT ${INCIDENT_COLUMNS} FROM wf_incident WHERE id = ?`, [incidentId]);
    if (!row) throw new NotFoundError('事故 / incident', incidentId);
    return incidentViewOf(row);
  }

  // ───────────── job worker API ─────────────

  async activateJobs(input: ActivateJobsInput): Promise<readonly ActivatedJob[]> {
    if (!Number.isInteger(input.maxJobs) || input.maxJobs < 1 || input.maxJobs > 100) throw new BadRequestError('maxJobs 须在 1–100 之间 / maxJobs must be 1–100');
    if (!(input.lockTimeoutMs > 0)) throw new BadRequestError('lockTimeoutMs 须为正数 / lockTimeoutMs must be positive');
    const deadline = this.deps.now() + Math.min(Math.max(0, input.requestTimeoutMs ?? 0), MAX_LONG_POLL_MS);
    for (;;) {
      // Listen before looking: a job committed while the acquire runs still wakes this poll.
      const waiter = this.jobWaiter(input.community, input.type);
      const jobs = await acquireJobs(this.db, {
        community: input.community,
        types: [input.type],
        worker: input.worker,
        max: input.maxJobs,
        lockTimeoutMs: input.lockTimeoutMs,
        now: this.deps.now(),
      }).catch((error: unknown) => {
        waiter.cancel(); // a failed acquire (e.g. the database restarting) leaves no listener behind
        throw error;
      });
      if (jobs.length > 0) {
        waiter.cancel();
        return jobs.map((job) => ({
          key: job.key,
          type: job.type,
          instanceId: job.instanceId,
          processKey: job.processKey,
          definitionId: job.definitionId,
          elementId: job.elementId,
          community: job.community,
          retries: job.retries,
          worker: input.worker,
          deadline: new Date(job.lockExpiresAt).toISOString(),
          headers: job.headers,
          variables: pick(job.variables, input.fetchVariables),
        }));
      }
      const remaining = deadline - this.deps.now();
      if (remaining <= 0 || input.signal?.aborted || this.closed) {
        waiter.cancel();
        return [];
      }
      await waiter.wait(Math.min(remaining, LONG_POLL_RECHECK_MS), input.signal);
    }
  }

  async completeJob(input: CompleteJobInput): Promise<void> {
    refuseProvidedVariables(input.variables, { zh: '完成作业', en: 'when completing a job' });
    await this.jobCommand(input, (key) => ({ type: 'completeJob', jobKey: key, ...(input.variables ? { variables: input.variables } : {}) }), {});
  }

  async failJob(input: FailJobInput): Promise<void> {
    if (!Number.isInteger(input.retries) || input.retries < 0) throw new BadRequestError('retries 须为非负整数 / retries must be a non-negative integer');
    await this.jobCommand(input, (key) => ({ type: 'failJob', jobKey: key, retries: input.retries, errorMessage: input.errorMessage }), {
      retryBackoffMs: input.retryBackoffMs ?? 0,
    });
  }

  async throwJobError(input: ThrowJobErrorInput): Promise<void> {
    refuseProvidedVariables(input.variables, { zh: '抛出业务错误', en: 'with a BPMN error' });
    await this.jobCommand(
      input,
      (key) => ({
        type: 'throwError',
        jobKey: key,
        errorCode: input.errorCode,
        ...(input.errorMessage !== undefined ? { errorMessage: input.errorMessage } : {}),
        ...(input.variables ? { variables: input.variables } : {}),
      }),
      {},
    );
  }

  // ───────────── history retention ─────────────

  async listRetentionPolicies(input: Scoped): Promise<readonly RetentionPolicyView[]> {
    const rows = await this.db.all('SELECT community, process_key, retain_days, updated_by, updated_at FROM wf_retention_policy WHERE community = ? ORDER BY process_key', [input.community]);
    return rows.map(retentionPolicyOf);
  }

  async setRetentionPolicy(input: SetRetentionPolicyInput): Promise<RetentionPolicyView | null> {
    if (input.retainYears === null) {
      await this.db.run('DELETE FROM wf_retention_policy WHERE community = ? AND process_key = ?', [input.community, input.processKey]);
      return null;
    }
    if (!Number.isInteger(input.retainYears) || input.retainYears < 1 || input.retainYears > 100) {
      throw new BadRequestError('保留年限须为 1–100 的整数 / retainYears must be a whole number from 1 to 100');
    }
    await this.definitions.process(input.community, input.processKey, undefined);
    const now = this.deps.now();
    await this.db.run(
      `INSERT INTO wf_retention_policy (community, process_key, retain_days, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (community, process_key) DO UPDATE SET retain_days = excluded.retain_days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [input.community, input.processKey, input.retainYears * 365, input.userId, now],
    );
    return { community: input.community, processKey: input.processKey, retainYears: input.retainYears, updatedBy: input.userId, updatedAt: new Date(now).toISOString() };
  }

  // ───────────── notifications ─────────────

  async listNotifications(input: ListNotificationsInput): Promise<Page<NotificationView>> {
    const limit = limitOf(input);
    const groups = input.viewer.groups;
    const params: SqlValue[] = [input.community, input.viewer.userId, ...groups];
    const groupPart = groups.length > 0 ? ` OR recipient_group IN (${groups.map(() => '?').join(', ')})` : '';
    let where = `community = ? AND (recipient_user = ?${groupPart})`;
    if (input.unreadOnly) where += ' AND read_at IS NULL';
    const keyset = keysetClause({ column: 'created_at', idColumn: 'id', order: 'desc' }, input.cursor);
    if (keyset.where) {
      where += ` AND ${keyset.where}`;
      params.push(...keyset.params);
    }
    const rows = await this.db.all(`SELECT ${NOTIFICATION_COLUMNS} FROM wf_notification WHERE ${where} ${keyset.orderBy} LIMIT ${limit + 1}`, params);
    return pageOf(rows, limit, notificationViewOf, (row) => ({ v: toNumber(row.created_at), id: toText(row.id) }));
  }

  async markNotificationRead(input: MarkNotificationReadInput): Promise<void> {
    const changed = await this.db.run('UPDATE wf_notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND community = ?', [
      this.deps.now(),
      input.notificationId,
      input.community,
    ]);
    if (changed === 0) throw new NotFoundError('通知 / notification', input.notificationId);
  }

  // ───────────── lifecycle ─────────────

  onCommitted(listener: CommittedListener): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * Events another node committed (the PostgreSQL fan-out brings them): handed to this node's
   * listeners as if committed here, so its websocket clients see them, its job executor wakes
   * for new jobs and its long polls re-check. The fan-out does not publish them again.
   */
  deliverCommitted(events: readonly CommittedEvent[]): void {
    this.events.emit(events);
  }

  async ping(): Promise<void> {
    try {
      await this.db.get('SELECT 1 AS ok');
    } catch (error) {
      throw new UnavailableError(undefined, { cause: error instanceof Error ? error.message : String(error) });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.deps.onClose?.();
  }

  /** Whether `close()` was called (the job executor stops polling). */
  get isClosed(): boolean {
    return this.closed;
  }

  // ───────────── internals ─────────────

  /**
   * Fires one due timer: removes its row and runs the engine's `fireTimer` in one transaction.
   * A row whose instance ended or whose due time moved meanwhile is dropped or left alone.
   */
  async fireTimer(timer: { readonly subscriptionId: string; readonly community: string; readonly instanceId: string; readonly dueAt: number }): Promise<void> {
    await this.inTransaction(async (tx) => {
      let row: InstanceRow;
      try {
        row = await this.processor.lockInstance(tx, timer.community, timer.instanceId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        await tx.run("DELETE FROM wf_job WHERE id = ? AND kind = 'timer'", [timer.subscriptionId]);
        return noOutcome();
      }
      const removed = await tx.run("DELETE FROM wf_job WHERE id = ? AND kind = 'timer' AND due_at = ?", [timer.subscriptionId, timer.dueAt]);
      if (removed === 0 || row.status !== 'active') return noOutcome();
      return this.processor.execute(tx, row, { type: 'fireTimer', subscriptionId: timer.subscriptionId, dueAt: timer.dueAt }, { actor: 'system' });
    });
  }

  /** Fires a due timer start event: starts a case of the version that armed it and re-arms a cycle, once. */
  async fireStartTimer(timer: DueStartTimer): Promise<void> {
    await this.inTransaction(async (tx) => {
      if (!(await consumeStartTimer(tx, timer, this.deps.now(), this.deps.newId))) return noOutcome();
      const definition = await tx.get('SELECT version FROM wf_definition WHERE id = ?', [timer.definitionId]);
      if (!definition) return noOutcome();
      return this.processor.start(tx, {
        community: timer.community,
        definitionId: timer.definitionId,
        processKey: timer.processKey,
        definitionVersion: toNumber(definition.version),
        startEventId: timer.startEventId,
        businessKey: null,
        variables: undefined,
        actor: 'system',
      });
    });
  }

  /** Runs one engine command on an instance in its own transaction and emits its events after commit. */
  async command(community: string, instanceId: string, command: Command, options: CommandOptions): Promise<CommandOutcome> {
    return this.inTransaction(async (tx) => {
      const row = await this.processor.lockInstance(tx, community, instanceId);
      return this.processor.execute(tx, row, command, options);
    });
  }

  /** Runs `work` in a transaction, then emits the committed events of its outcome. */
  async inTransaction<T extends { readonly committed: CommandOutcome['committed'] }>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work);
    this.events.emit(result.committed);
    return result;
  }

  private async inTransactionWith<T extends { readonly outcome: CommandOutcome }>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work);
    this.events.emit(result.outcome.committed);
    return result;
  }

  private async jobCommand(input: JobRef, command: (key: string) => Command, options: Omit<CommandOptions, 'actor'>): Promise<void> {
    await this.runJobCommand(input, command, options);
  }

  /**
   * Runs a job command (complete, fail, throw) on the job's instance in one transaction;
   * `alongside` writes more rows in the same transaction (the built-in connectors' output).
   */
  async runJobCommand(
    input: JobRef,
    command: (key: string) => Command,
    options: Omit<CommandOptions, 'actor'>,
    alongside?: (tx: SqlTx, row: InstanceRow) => Promise<readonly CommittedEvent[]>,
  ): Promise<CommandOutcome> {
    return this.inTransaction(async (tx) => {
      const job = await tx.get('SELECT instance_id, lock_owner, lock_expires_at, status FROM wf_job WHERE id = ? AND community = ?', [input.jobKey, input.community]);
      if (!job) throw new NotFoundError('作业 / job', input.jobKey);
      const row = await this.processor.lockInstance(tx, input.community, toText(job.instance_id));
      // Re-read under the instance lock.
      const current = await tx.get('SELECT lock_owner, lock_expires_at, status FROM wf_job WHERE id = ?', [input.jobKey]);
      if (!current) throw new NotFoundError('作业 / job', input.jobKey);
      const owner = toTextOrNull(current.lock_owner);
      const expires = toNumberOrNull(current.lock_expires_at);
      if (input.worker !== undefined && owner !== null && owner !== input.worker && expires !== null && expires > this.deps.now()) {
        throw new ConflictError(`作业由 ${owner} 锁定 / the job is locked by worker ${owner}`, { jobKey: input.jobKey, lockOwner: owner });
      }
      const extra = alongside ? await alongside(tx, row) : [];
      const outcome = await this.processor.execute(tx, row, command(input.jobKey), { actor: input.worker ?? 'worker', ...options });
      return { ...outcome, committed: [...extra, ...outcome.committed] };
    });
  }

  /**
   * Listens for a job of `type` becoming available in `community` from now on; `wait` resolves at
   * once if one already did, else at the next one, the timeout or the abort. Always end it with
   * `wait` or `cancel`.
   */
  private jobWaiter(community: string, type: string): { wait(ms: number, signal: AbortSignal | undefined): Promise<void>; cancel(): void } {
    let woken = false;
    let wake = (): void => {
      woken = true;
    };
    const unsubscribe = this.events.subscribe((events) => {
      if (events.some((e) => e.type === 'job.available' && e.community === community && e.jobType === type)) wake();
    });
    return {
      cancel: unsubscribe,
      wait: (ms, signal) =>
        new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            unsubscribe();
            signal?.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, woken ? 0 : ms);
          wake = done;
          signal?.addEventListener('abort', done);
        }),
    };
  }

  private async changeAssignee(
    input: TaskRef,
    decide: (task: TaskView) => { assignee: string | null; history: HistoryRecord },
  ): Promise<TaskView> {
    const { task } = await this.db
      .transaction(async (tx) => {
        const row = await this.processor.lockInstanceOfTask(tx, input.community, input.taskId);
        const current = await this.taskRow(tx, input.community, input.taskId);
        const decision = decide(current);
        await tx.run('UPDATE wf_user_task SET assignee = ?, version = version + 1 WHERE id = ?', [decision.assignee, current.id]);
        await this.processor.record(tx, row, input.userId, [decision.history]);
        return { task: await this.taskRow(tx, input.community, input.taskId) };
      })
      .then((result) => {
        this.events.emit([
          {
            type: 'task.assigned',
            community: result.task.community,
            taskId: result.task.id,
            instanceId: result.task.instanceId,
            assignee: result.task.assignee,
            candidateGroups: result.task.candidateGroups,
            candidateUsers: result.task.candidateUsers,
          },
        ]);
        return result;
      });
    return task;
  }

  private async taskRow(tx: SqlTx, community: string, taskId: string): Promise<TaskView> {
    const row = await tx.get(TASK_BY_ID, [taskId, community]);
    if (!row) throw new NotFoundError('任务 / task', taskId);
    return taskViewOf(row);
  }

  /** The task now: `read` while its version is unchanged (every change to a task row bumps it), else the row read again. */
  private async currentTask(tx: SqlTx, community: string, taskId: string, read: TaskView | undefined): Promise<TaskView> {
    if (read === undefined || read.id !== taskId) return this.taskRow(tx, community, taskId);
    const row = await tx.get(TASK_VERSION_BY_ID, [taskId, community]);
    if (!row) throw new NotFoundError('任务 / task', taskId);
    return toNumber(row.version) === read.version ? read : this.taskRow(tx, community, taskId);
  }

  private async taskOfInstance(tx: SqlTx, community: string, taskId: string, instanceId: string): Promise<void> {
    const task = await this.taskRow(tx, community, taskId);
    if (task.instanceId !== instanceId) throw new NotFoundError('任务 / task', taskId);
  }

  private async instanceRow(tx: SqlTx, community: string, id: string): Promise<InstanceRow> {
    const row = await tx.get(INSTANCE_BY_ID, [id, community]);
    if (!row) throw new NotFoundError('流程实例 / process instance', id);
    return instanceRowOf(row);
  }

  private async processName(definitionId: string): Promise<string | null> {
    const cached = this.processNames.get(definitionId);
    if (cached !== undefined) return cached;
    const row = await this.db.get('SELECT name FROM wf_definition WHERE id = ?', [definitionId]);
    const name = row ? toTextOrNull(row.name) : null;
    // A definition version never changes; bounded so a long-running node does not grow.
    if (this.processNames.size > 10_000) this.processNames.clear();
    if (row) this.processNames.set(definitionId, name);
    return name;
  }

  private async details(row: InstanceRow, state: InstanceState, processName: string | null): Promise<InstanceDetails> {
    const model = await this.models.get(row.definitionId, this.db);
    // A fresh instance without incidents in its state has no incident rows (none resolved yet either).
    const fresh = row.version === 1 && Object.keys(state.incidents).length === 0;
    const incidents = fresh ? [] : await this.db.all(INCIDENTS_OF_INSTANCE, [row.id]);
    const rows = await this.db.all(LATEST_HISTORY, [row.id]);
    const history = rows.reverse().flatMap(historyEntriesOf);
    return {
      ...instanceSummaryOf(row, processName),
      activeElements: activeElementsOf(model, state),
      variables: state.variables,
      incidents: incidents.map(incidentViewOf),
      history: history.slice(-HISTORY_IN_DETAILS),
      historyTruncated: rows.length > HISTORY_IN_DETAILS || history.length > HISTORY_IN_DETAILS,
    };
  }
}

function retentionPolicyOf(row: SqlRow): RetentionPolicyView {
  return {
    community: toText(row.community),
    processKey: toText(row.process_key),
    retainYears: Math.round(toNumber(row.retain_days) / 365),
    updatedBy: toText(row.updated_by),
    updatedAt: new Date(toNumber(row.updated_at)).toISOString(),
  };
}

function activeElementsOf(model: ExecutableModel, state: InstanceState): ActiveElement[] {
  const process = model.processes.get(state.processId);
  return Object.values(state.elements)
    .filter((e) => e.status !== 'completed' && e.status !== 'terminated')
    .map((e) => {
      const def = process?.elements.get(e.elementId);
      return {
        elementInstanceId: e.id,
        elementId: e.elementId,
        elementName: def?.name ?? null,
        bpmnType: def?.bpmnType ?? 'unknown',
        parentId: e.parentId,
        incidentId: e.incidentId ?? null,
        calledInstanceId: e.childInstanceId ?? null,
      };
    });
}

/** Process variables overlaid with the local variables of the task's enclosing scopes. */
function visibleVariables(state: InstanceState, elementInstanceId: string): JsonObject {
  const chain: JsonObject[] = [];
  let current = state.elements[elementInstanceId];
  while (current) {
    if (current.variables) chain.push(current.variables);
    current = current.parentId === null ? undefined : state.elements[current.parentId];
  }
  const result: JsonObject = { ...state.variables };
  for (const scope of chain.reverse()) Object.assign(result, scope);
  return result;
}

function pick(variables: JsonObject, names: readonly string[] | undefined): JsonObject {
  if (!names) return variables;
  const result: JsonObject = {};
  for (const name of names) {
    const value = variables[name];
    if (value !== undefined) result[name] = value;
  }
  return result;
}

function taskClosed(task: TaskView): ConflictError {
  return task.status === 'completed'
    ? new ConflictError(`任务已由 ${task.completedBy ?? '他人'} 办理完成 / the task was already completed by ${task.completedBy ?? 'someone else'}`, {
        taskId: task.id,
        completedBy: task.completedBy,
      })
    : new ConflictError('任务已取消 / the task was cancelled', { taskId: task.id });
}

function noOutcome(): { committed: [] } {
  return { committed: [] };
}

function timeOf(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new BadRequestError(`${field} 不是有效时间 / ${field} is not a valid date-time: ${iso}`, { field });
  return ms;
}
