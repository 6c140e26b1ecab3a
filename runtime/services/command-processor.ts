import type { WorkingCalendar } from '../../engine/calendar/working-calendar.js';
import type { InstanceState } from '../../engine/state/instance-state.js';
import type { JsonObject } from '../../engine/state/json.js';
import type { Command } from '../../engine/step/command.js';
import { toNumber, toText, type SqlDatabase, type SqlTx } from '../persistence/sql-database.js';
import type { CommandScope, FollowUp } from './command-scope.js';
import { writeEffects, writeVariableProjection } from './effect-writer.js';
import { mapEngineError } from './engine-error-mapping.js';
import { ConflictError, NotFoundError } from './errors.js';
import { historyRecordOf, writeHistory, type HistoryRecord } from './history-writer.js';
import { refreshCaseSummary } from '../stats/case-summary.js';
import { StartVariables } from '../start-variables/start-variables.js';
import type { ModelCache } from './model-cache.js';
import { INSTANCE_COLUMNS, instanceRowOf, type InstanceRow } from './row-mappers.js';
import type { WorkflowEngine } from './workflow-engine.js';
import type { CommittedEvent, TaskView } from './workflow-service.js';

export interface CommandProcessorDeps {
  readonly db: SqlDatabase;
  readonly engine: WorkflowEngine;
  readonly models: ModelCache;
  readonly calendar: WorkingCalendar;
  readonly now: () => number;
  readonly newId: () => string;
}

/** The outcome of one command, after it ran inside its transaction. */
export interface CommandOutcome {
  readonly row: InstanceRow;
  readonly state: InstanceState;
  readonly createdTasks: readonly TaskView[];
  readonly committed: readonly CommittedEvent[];
}

/** A command's options beyond the engine command. */
export interface CommandOptions {
  readonly actor: string;
  /** Runtime history written before the engine's events (who did what and why). */
  readonly history?: readonly HistoryRecord[];
  readonly retryBackoffMs?: number;
}

/** What a new instance needs besides the engine command. */
export interface StartSpec {
  readonly community: string;
  /** A message/signal/timer start event; default the none start event. */
  readonly startEventId?: string;
  /** Call-activity children: the id the parent chose, and the parent. */
  readonly instanceId?: string;
  readonly parent?: { readonly instanceId: string; readonly elementInstanceId: string };
  readonly definitionId: string;
  readonly processKey: string;
  readonly definitionVersion: number;
  readonly businessKey: string | null;
  readonly variables: JsonObject | undefined;
  readonly actor: string;
}

const INSERT_INSTANCE = `INSERT INTO wf_process_instance (id, community, definition_id, process_key, definition_version, status, business_key,
  state, version, started_by, started_at, ended_at, open_incidents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`;
/** Guards against a runaway chain (e.g. a process calling itself). */
const MAX_FOLLOW_UPS = 1_000;

/** Most commands leave status and end time alone; not setting them spares their index updates. */
const UPDATE_INSTANCE_STATE = `UPDATE wf_process_instance SET state = ?, version = version + 1, open_incidents = ? WHERE id = ? AND version = ?`;
const UPDATE_INSTANCE = `UPDATE wf_process_instance SET state = ?, status = ?, version = version + 1, ended_at = ?, open_incidents = ?
  WHERE id = ? AND version = ?`;

/**
 * Runs engine commands durably: one command = one transaction from wait state to wait state.
 * Loads the instance row under lock, steps the pure engine, writes the new state with a version
 * check, the effects as rows and the events as history. After-commit events are returned for the
 * caller to emit once the transaction has committed.
 */
export class CommandProcessor {
  /** Adds the variables the runtime provides (`bylaw`, `initiator`) to every new case that reads them. */
  private readonly provided = new StartVariables();

  // built once: the prepared-statement cache is keyed by the SQL text
  private readonly lockInstanceSql: string;
  private readonly lockInstanceOfTaskSql: string;

  constructor(private readonly deps: CommandProcessorDeps) {
    const forUpdate = deps.db.forUpdate;
    this.lockInstanceSql = `SELECT ${INSTANCE_COLUMNS} FROM wf_process_instance i WHERE i.id = ? AND i.community = ?${forUpdate}`;
    this.lockInstanceOfTaskSql = `SELECT ${INSTANCE_COLUMNS} FROM wf_process_instance i WHERE i.id = (SELECT t.instance_id FROM wf_user_task t WHERE t.id = ? AND t.community = ?) AND i.community = ?${forUpdate}`;
  }

  /** Loads and locks an instance row of the community (`FOR UPDATE` on PostgreSQL). */
  async lockInstance(tx: SqlTx, community: string, instanceId: string): Promise<InstanceRow> {
    const row = await tx.get(this.lockInstanceSql, [instanceId, community]);
    if (!row) throw new NotFoundError('流程实例 / process instance', instanceId);
    return instanceRowOf(row);
  }

  /** Loads and locks the instance a user task belongs to (one statement: task id → instance row). */
  async lockInstanceOfTask(tx: SqlTx, community: string, taskId: string): Promise<InstanceRow> {
    const row = await tx.get(this.lockInstanceOfTaskSql, [taskId, community, community]);
    if (!row) throw new NotFoundError('任务 / task', taskId);
    return instanceRowOf(row);
  }

  /** Creates an instance and runs it to its first wait state. */
  async start(tx: SqlTx, spec: StartSpec): Promise<CommandOutcome> {
    const model = await this.deps.models.get(spec.definitionId, tx);
    const now = this.deps.now();
    const variables = await this.provided.startVariables(tx, { ...spec, startEventId: spec.startEventId, calledByParent: spec.parent !== undefined });
    const command: Command = {
      type: 'createInstance',
      processId: spec.processKey,
      ...(variables ? { variables } : {}),
      ...(spec.startEventId !== undefined ? { startEventId: spec.startEventId } : {}),
      ...(spec.instanceId !== undefined ? { instanceId: spec.instanceId } : {}),
      ...(spec.parent !== undefined ? { parent: spec.parent } : {}),
    };
    const result = this.step(() => this.deps.engine.step(model, null, command, this.context(now)));
    const state = result.state;
    const endedAt = state.status === 'active' ? null : now;
    const openIncidents = Object.keys(state.incidents).length;
    await tx.run(INSERT_INSTANCE, [
      state.instanceId,
      spec.community,
      spec.definitionId,
      spec.processKey,
      spec.definitionVersion,
      state.status,
      spec.businessKey,
      JSON.stringify(state),
      spec.actor,
      now,
      endedAt,
      openIncidents,
    ]);
    const row: InstanceRow = {
      id: state.instanceId,
      community: spec.community,
      definitionId: spec.definitionId,
      processKey: spec.processKey,
      definitionVersion: spec.definitionVersion,
      status: state.status,
      businessKey: spec.businessKey,
      state: '',
      version: 1,
      startedBy: spec.actor,
      startedAt: now,
      endedAt,
      openIncidents,
    };
    const scope = this.scope(tx, row, now, { actor: spec.actor });
    await writeEffects(scope, result.effects);
    await writeVariableProjection(scope, result.events, {});
    await writeHistory(scope, result.events.map(historyRecordOf));
    await refreshCaseSummary(tx, row.id);
    scope.committed.push({ type: 'instance.changed', community: row.community, instanceId: row.id, status: row.status, version: row.version });
    await this.runFollowUps(tx, scope, spec.actor);
    const latest = scope.followUps.length > 0 ? await this.reload(tx, row) : { row, state };
    return { row: latest.row, state: latest.state, createdTasks: scope.createdTasks, committed: scope.committed };
  }

  /** Runs one command on a locked instance row (from `lockInstance` in the same transaction). */
  async execute(tx: SqlTx, row: InstanceRow, command: Command, options: CommandOptions): Promise<CommandOutcome> {
    const model = await this.deps.models.get(row.definitionId, tx);
    const now = this.deps.now();
    // The state column holds an InstanceState written by this class; parsed here, so the engine may own it.
    const before = JSON.parse(row.state) as InstanceState;
    // The variable projection compares scalars with their values before the step, which may change `before` in place.
    const variablesBefore = { ...before.variables };
    const result = this.step(() => this.deps.engine.step(model, before, command, this.context(now)));
    const state = result.state;
    const endedAt = state.status === 'active' ? null : (row.endedAt ?? now);
    const openIncidents = Object.keys(state.incidents).length;
    const changed =
      state.status === row.status && endedAt === row.endedAt
        ? await tx.run(UPDATE_INSTANCE_STATE, [JSON.stringify(state), openIncidents, row.id, row.version])
        : await tx.run(UPDATE_INSTANCE, [JSON.stringify(state), state.status, endedAt, openIncidents, row.id, row.version]);
    if (changed === 0) throw new ConflictError(undefined, { instanceId: row.id });
    const updated: InstanceRow = { ...row, status: state.status, version: row.version + 1, endedAt, openIncidents, state: '' };
    const scope = this.scope(tx, updated, now, options);
    await writeEffects(scope, result.effects);
    await writeVariableProjection(scope, result.events, variablesBefore);
    await writeHistory(scope, [...(options.history ?? []), ...result.events.map(historyRecordOf)]);
    await refreshCaseSummary(tx, row.id);
    scope.committed.push({ type: 'instance.changed', community: row.community, instanceId: row.id, status: updated.status, version: updated.version });
    await this.runFollowUps(tx, scope, options.actor);
    // A follow-up may have changed this very instance (a buffered message): report its latest row.
    const latest = scope.followUps.length > 0 ? await this.reload(tx, updated) : { row: updated, state };
    return { row: latest.row, state: latest.state, createdTasks: scope.createdTasks, committed: scope.committed };
  }

  /**
   * Runs what the command's effects asked of other instances (children, parents, a buffered
   * message) in the same transaction, in order, so a call activity and its child never disagree.
   */
  private async runFollowUps(tx: SqlTx, scope: CommandScope, actor: string): Promise<void> {
    let done = 0;
    while (scope.followUps.length > done) {
      if (done >= MAX_FOLLOW_UPS) throw new Error(`more than ${MAX_FOLLOW_UPS} follow-up commands in one transaction`);
      const work = scope.followUps[done++];
      if (!work) break;
      const outcome = await this.runFollowUp(tx, scope.community, work, actor);
      if (!outcome) continue;
      scope.committed.push(...outcome.committed);
      scope.createdTasks.push(...outcome.createdTasks);
    }
  }

  private async runFollowUp(tx: SqlTx, community: string, work: FollowUp, actor: string): Promise<CommandOutcome | null> {
    if (work.kind === 'command') {
      let row: InstanceRow;
      try {
        row = await this.lockInstance(tx, community, work.instanceId);
      } catch (error) {
        if (error instanceof NotFoundError) return null; // the other instance is gone; nothing to tell it
        throw error;
      }
      if (row.status !== 'active') return null;
      return this.execute(tx, row, work.command, { actor });
    }
    const definition = await tx.get("SELECT id, version FROM wf_definition WHERE community = ? AND kind = 'bpmn' AND key = ? ORDER BY version DESC LIMIT 1", [
      community,
      work.processId,
    ]);
    if (!definition) {
      const parent = await this.lockInstance(tx, community, work.parentInstanceId);
      return this.execute(tx, parent, { type: 'childTerminated', elementInstanceId: work.elementInstanceId }, { actor });
    }
    return this.start(tx, {
      community,
      definitionId: toText(definition.id),
      processKey: work.processId,
      definitionVersion: toNumber(definition.version),
      businessKey: null,
      variables: work.variables,
      actor,
      instanceId: work.childInstanceId,
      parent: { instanceId: work.parentInstanceId, elementInstanceId: work.elementInstanceId },
    });
  }

  private async reload(tx: SqlTx, row: InstanceRow): Promise<{ row: InstanceRow; state: InstanceState }> {
    const fresh = await this.lockInstance(tx, row.community, row.id);
    // The state column holds an InstanceState written by this class.
    return { row: { ...fresh, state: '' }, state: JSON.parse(fresh.state) as InstanceState };
  }

  /** Writes runtime-only history (claims, comments) for an instance without running the engine. */
  async record(tx: SqlTx, row: InstanceRow, actor: string, history: readonly HistoryRecord[]): Promise<void> {
    const scope = this.scope(tx, row, this.deps.now(), { actor });
    await writeHistory(scope, history);
  }

  private scope(tx: SqlTx, row: InstanceRow, now: number, options: CommandOptions): CommandScope {
    return {
      tx,
      community: row.community,
      instanceId: row.id,
      definitionId: row.definitionId,
      processKey: row.processKey,
      businessKey: row.businessKey,
      now,
      actor: options.actor,
      newId: this.deps.newId,
      ...(options.retryBackoffMs !== undefined ? { retryBackoffMs: options.retryBackoffMs } : {}),
      committed: [],
      createdTasks: [],
      followUps: [],
    };
  }

  /** Every state this class steps was parsed from its row for that step alone: the engine may own it. */
  private context(now: number) {
    return { now, newId: this.deps.newId, calendar: this.deps.calendar, timeZone: 'Asia/Shanghai', ownsState: true };
  }

  private step<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw mapEngineError(error);
    }
  }
}
