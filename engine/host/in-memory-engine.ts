import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { InvalidCommandError } from '../errors.js';
import type { ExecutableModel } from '../model/executable-model.js';
import { parseBpmn } from '../parse/parse-bpmn.js';
import type { IncidentState, InstanceState } from '../state/instance-state.js';
import type { JsonObject } from '../state/json.js';
import type { Command } from '../step/command.js';
import type { Effect, JobData, UserTaskData } from '../step/effect.js';
import { step } from '../step/step.js';
import { BusinessError } from './business-error.js';
import { ControllableClock } from './controllable-clock.js';
import { historyEntryOf, type HistoryEntry } from './history.js';

export type JobHandler = (job: JobData) => Promise<JsonObject | void>;

export interface InMemoryEngineOptions {
  /** Start of the controllable clock, epoch ms. */
  readonly now?: number;
  readonly calendar?: WorkingCalendar;
}

export interface OpenUserTask extends UserTaskData {
  readonly instanceId: string;
}

export interface InstanceView {
  readonly id: string;
  readonly processId: string;
  readonly status: InstanceState['status'];
  readonly variables: JsonObject;
  readonly incidents: IncidentState[];
  readonly history: readonly HistoryEntry[];
  readonly state: InstanceState;
}

/** Everything an in-memory engine holds, as plain JSON: what tests round-trip at each wait. */
export interface HostSnapshot {
  readonly version: 1;
  readonly now: number;
  readonly nextId: number;
  readonly deployments: readonly string[];
  readonly instances: readonly { readonly deployment: number; readonly state: InstanceState; readonly history: readonly HistoryEntry[] }[];
  readonly tasks: readonly OpenUserTask[];
  readonly jobs: readonly { readonly instanceId: string; readonly job: JobData }[];
}

interface InstanceRecord {
  deployment: number;
  state: InstanceState;
  history: HistoryEntry[];
}

const WEEKENDS_ONLY: WorkingCalendar = {
  years: [],
  isWorkingDay: () => undefined,
};

/**
 * Runs the pure step function in memory: for tests, examples and embedding. Deploy BPMN,
 * start instances, let registered workers do jobs, complete user tasks, move the clock.
 */
export class InMemoryEngine {
  readonly clock: ControllableClock;
  private readonly calendar: WorkingCalendar;
  private deployments: { xml: string; model: ExecutableModel }[] = [];
  private readonly latest = new Map<string, number>();
  private readonly instances = new Map<string, InstanceRecord>();
  private readonly tasks = new Map<string, OpenUserTask>();
  private readonly jobs = new Map<string, { instanceId: string; job: JobData }>();
  private readonly workers = new Map<string, JobHandler>();
  private nextId = 1;

  constructor(options: InMemoryEngineOptions = {}) {
    this.clock = new ControllableClock(options.now ?? 0, () => this.runUntilIdle());
    this.calendar = options.calendar ?? WEEKENDS_ONLY;
  }

  /** Parses, validates and deploys a BPMN document; throws `ValidationError` with every problem. */
  async deploy(xml: string): Promise<{ processIds: string[] }> {
    const model = await parseBpmn(xml);
    const index = this.deployments.push({ xml, model }) - 1;
    const processIds = [...model.processes.keys()];
    for (const id of processIds) this.latest.set(id, index);
    return { processIds };
  }

  registerWorker(type: string, handler: JobHandler): void {
    this.workers.set(type, handler);
  }

  /** Starts the latest deployed version of a process and runs until idle; returns the instance id. */
  async start(processId: string, variables?: JsonObject): Promise<string> {
    const deployment = this.latest.get(processId);
    if (deployment === undefined) throw new InvalidCommandError(`流程 ${processId} 未部署 / process ${processId} is not deployed`, { processId });
    const record: InstanceRecord = { deployment, state: null as unknown as InstanceState, history: [] };
    // The record is filled by the first step; a placeholder keeps the map keyed before it.
    const result = this.run(record, { type: 'createInstance', processId, ...(variables ? { variables } : {}) }, null);
    this.instances.set(result.instanceId, record);
    await this.runUntilIdle();
    return result.instanceId;
  }

  userTasks(filter: { instanceId?: string; elementId?: string } = {}): OpenUserTask[] {
    return [...this.tasks.values()].filter(
      (t) => (filter.instanceId === undefined || t.instanceId === filter.instanceId) && (filter.elementId === undefined || t.elementId === filter.elementId),
    );
  }

  async completeUserTask(taskId: string, variables?: JsonObject): Promise<void> {
    const task = this.tasks.get(taskId);
    if (!task) throw new InvalidCommandError(`任务 ${taskId} 不存在 / task ${taskId} does not exist`, { taskId });
    this.command(task.instanceId, { type: 'completeUserTask', elementInstanceId: taskId, ...(variables ? { variables } : {}) });
    await this.runUntilIdle();
  }

  async resolveIncident(incidentId: string): Promise<void> {
    for (const [id, record] of this.instances) {
      if (record.state.incidents[incidentId]) {
        this.command(id, { type: 'resolveIncident', incidentId });
        await this.runUntilIdle();
        return;
      }
    }
    throw new InvalidCommandError(`事故 ${incidentId} 不存在 / incident ${incidentId} does not exist`, { incidentId });
  }

  async setVariables(instanceId: string, variables: JsonObject): Promise<void> {
    this.command(instanceId, { type: 'setVariables', elementInstanceId: null, variables });
    await this.runUntilIdle();
  }

  async cancel(instanceId: string): Promise<void> {
    this.command(instanceId, { type: 'cancelInstance' });
    await this.runUntilIdle();
  }

  getInstance(instanceId: string): InstanceView {
    const record = this.record(instanceId);
    return {
      id: instanceId,
      processId: record.state.processId,
      status: record.state.status,
      variables: record.state.variables,
      incidents: Object.values(record.state.incidents),
      history: record.history,
      state: record.state,
    };
  }

  /** Lets workers do every open job they can, until nothing moves. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      const next = [...this.jobs.values()].find((entry) => this.workers.has(entry.job.type));
      if (!next) return;
      await this.work(next.instanceId, next.job);
    }
  }

  snapshot(): HostSnapshot {
    return {
      version: 1,
      now: this.clock.now(),
      nextId: this.nextId,
      deployments: this.deployments.map((d) => d.xml),
      instances: [...this.instances.values()].map((r) => ({ deployment: r.deployment, state: r.state, history: r.history })),
      tasks: [...this.tasks.values()],
      jobs: [...this.jobs.values()],
    };
  }

  /** Resumes from a snapshot (typically a JSON copy). Workers must be registered again. */
  static async restore(snapshot: HostSnapshot, options: Omit<InMemoryEngineOptions, 'now'> = {}): Promise<InMemoryEngine> {
    const engine = new InMemoryEngine({ ...options, now: snapshot.now });
    for (const xml of snapshot.deployments) await engine.deploy(xml);
    engine.nextId = snapshot.nextId;
    for (const r of snapshot.instances) engine.instances.set(r.state.instanceId, { deployment: r.deployment, state: r.state, history: [...r.history] });
    for (const t of snapshot.tasks) engine.tasks.set(t.elementInstanceId, t);
    for (const j of snapshot.jobs) engine.jobs.set(j.job.key, j);
    return engine;
  }

  private async work(instanceId: string, job: JobData): Promise<void> {
    const handler = this.workers.get(job.type) as JobHandler;
    let command: Command;
    try {
      const variables = await handler(job);
      command = { type: 'completeJob', jobKey: job.key, ...(variables ? { variables } : {}) };
    } catch (error) {
      if (error instanceof BusinessError) {
        command = { type: 'throwError', jobKey: job.key, errorCode: error.code, errorMessage: error.message };
      } else {
        const message = error instanceof Error ? error.message : String(error);
        command = { type: 'failJob', jobKey: job.key, retries: job.retries - 1, errorMessage: message };
      }
    }
    this.command(instanceId, command);
  }

  private command(instanceId: string, command: Command): void {
    const record = this.record(instanceId);
    this.run(record, command, record.state);
  }

  private run(record: InstanceRecord, command: Command, state: InstanceState | null): InstanceState {
    const deployment = this.deployments[record.deployment];
    if (!deployment) throw new InvalidCommandError(`deployment ${record.deployment} is missing`);
    const result = step(deployment.model, state, command, {
      now: this.clock.now(),
      newId: () => String(this.nextId++),
      calendar: this.calendar,
    });
    record.state = result.state;
    for (const event of result.events) {
      const entry = historyEntryOf(event);
      if (entry) record.history.push(entry);
    }
    for (const effect of result.effects) this.apply(result.state.instanceId, effect);
    return result.state;
  }

  private apply(instanceId: string, effect: Effect): void {
    switch (effect.type) {
      case 'userTask.created':
        this.tasks.set(effect.task.elementInstanceId, { ...effect.task, instanceId });
        return;
      case 'userTask.completed':
      case 'userTask.cancelled':
        this.tasks.delete(effect.elementInstanceId);
        return;
      case 'job.created':
        this.jobs.set(effect.job.key, { instanceId, job: effect.job });
        return;
      case 'job.failed': {
        const entry = this.jobs.get(effect.key);
        if (!entry) return;
        if (effect.retries > 0) this.jobs.set(effect.key, { instanceId, job: { ...entry.job, retries: effect.retries } });
        else this.jobs.delete(effect.key);
        return;
      }
      case 'job.completed':
      case 'job.cancelled':
        this.jobs.delete(effect.key);
        return;
      case 'incident.raised':
        // A job incident parks the job until the incident is resolved.
        this.jobs.delete(effect.elementInstanceId);
        return;
      case 'incident.resolved':
        return;
      default:
        assertNever(effect);
    }
  }

  private record(instanceId: string): InstanceRecord {
    const record = this.instances.get(instanceId);
    if (!record) throw new InvalidCommandError(`流程实例 ${instanceId} 不存在 / process instance ${instanceId} does not exist`, { instanceId });
    return record;
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(value)}`);
}
