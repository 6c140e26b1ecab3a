import { createWorkingCalendar, defaultCalendarYears } from '../calendar/index.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { EngineError, InvalidCommandError } from '../errors.js';
import type { ExecutableModel } from '../model/executable-model.js';
import { parseBpmn } from '../parse/parse-bpmn.js';
import type { IncidentState, InstanceState } from '../state/instance-state.js';
import type { JsonObject } from '../state/json.js';
import type { Command } from '../step/command.js';
import type { Effect, JobData, ParentOutcome, UserTaskData } from '../step/effect.js';
import { step } from '../step/step.js';
import { nextFiring, parseTimer, type TimerSchedule } from '../timer/index.js';
import { BusinessError } from './business-error.js';
import { ControllableClock, parseDurationMs } from './controllable-clock.js';
import { historyEntryOf, type HistoryEntry } from './history.js';
import { eventStartsOf, startEventName } from './start-events.js';

export type JobHandler = (job: JobData) => Promise<JsonObject | void>;

export interface InMemoryEngineOptions {
  /** Start of the controllable clock, epoch ms. */
  readonly now?: number;
  /** Working-day calendar; defaults to the shipped mainland-China years. */
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

export interface PublishOptions {
  /** How long a message that matched nothing waits for a subscription: ISO duration or ms. Default PT1H. */
  readonly timeToLive?: string | number;
  /** A message id already published (and still remembered) is ignored. */
  readonly messageId?: string;
}

/** What a published message reached. */
export interface PublishResult {
  readonly correlated: readonly { readonly instanceId: string; readonly elementId: string }[];
  readonly startedInstanceIds: readonly string[];
  /** Kept for its time to live because nothing matched. */
  readonly buffered: boolean;
  /** Ignored: the same message id was published before. */
  readonly duplicate: boolean;
}

interface TimerRow {
  readonly instanceId: string;
  readonly elementId: string;
  readonly dueAt: number;
}
interface StartTimerRow {
  readonly processId: string;
  readonly startEventId: string;
  readonly deployment: number;
  readonly schedule: TimerSchedule;
}
interface SubscriptionRow {
  readonly instanceId: string;
  readonly elementId: string;
  readonly name: string;
  readonly correlationKey: string | null;
}
interface BufferedMessage {
  readonly name: string;
  readonly correlationKey: string;
  readonly variables: JsonObject;
  readonly expiresAt: number;
  readonly messageId: string | null;
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
  readonly timers: readonly (readonly [string, TimerRow])[];
  readonly startTimers: readonly (readonly [string, StartTimerRow])[];
  readonly messageSubscriptions: readonly (readonly [string, SubscriptionRow])[];
  readonly signalSubscriptions: readonly (readonly [string, SubscriptionRow])[];
  readonly bufferedMessages: readonly BufferedMessage[];
  readonly seenMessageIds: readonly string[];
}

interface InstanceRecord {
  deployment: number;
  state: InstanceState;
  history: HistoryEntry[];
}

const DEFAULT_MESSAGE_TTL_MS = 60 * 60 * 1000;

/**
 * Runs the pure step function in memory: for tests, examples and embedding. Deploy BPMN,
 * start instances, let registered workers do jobs, complete user tasks, publish messages,
 * broadcast signals and move the clock (due timers fire in due order).
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
  private readonly timers = new Map<string, TimerRow>();
  private readonly startTimers = new Map<string, StartTimerRow>();
  private readonly messageSubs = new Map<string, SubscriptionRow>();
  private readonly signalSubs = new Map<string, SubscriptionRow>();
  private bufferedMessages: BufferedMessage[] = [];
  private readonly seenMessageIds = new Set<string>();
  /** Work that effects asked for, done after the step that produced them (no re-entrant steps). */
  private readonly followUps: (() => void)[] = [];
  private nextId = 1;

  constructor(options: InMemoryEngineOptions = {}) {
    this.clock = new ControllableClock(options.now ?? 0, (target) => this.advanceTo(target));
    this.calendar = options.calendar ?? createWorkingCalendar([...defaultCalendarYears]);
  }

  /** Parses, validates and deploys a BPMN document; throws `ValidationError` with every problem. */
  async deploy(xml: string): Promise<{ processIds: string[] }> {
    const model = await parseBpmn(xml);
    const index = this.deployments.push({ xml, model }) - 1;
    const processIds = [...model.processes.keys()];
    for (const id of processIds) this.latest.set(id, index);
    this.armStartTimers(model, index, processIds);
    await this.runUntilIdle();
    return { processIds };
  }

  registerWorker(type: string, handler: JobHandler): void {
    this.workers.set(type, handler);
  }

  /** Starts the latest deployed version of a process and runs until idle; returns the instance id. */
  async start(processId: string, variables?: JsonObject): Promise<string> {
    const id = this.create(processId, { ...(variables ? { variables } : {}) });
    await this.runUntilIdle();
    return id;
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

  /** Cancels an instance: everything in it ends, and so do the children of its call activities. */
  async cancel(instanceId: string): Promise<void> {
    this.command(instanceId, { type: 'cancelInstance' });
    await this.runUntilIdle();
  }

  /**
   * Publishes a message: it reaches every instance with an open subscription of that name and
   * correlation key (once per instance) and starts the processes with a matching message start
   * event. A message that reaches nothing is kept for its time to live and delivered to the
   * first subscription that opens for it.
   */
  async publish(name: string, correlationKey: string, variables: JsonObject = {}, options: PublishOptions = {}): Promise<PublishResult> {
    const messageId = options.messageId ?? null;
    if (messageId !== null && this.seenMessageIds.has(messageId)) {
      return { correlated: [], startedInstanceIds: [], buffered: false, duplicate: true };
    }
    if (messageId !== null) this.seenMessageIds.add(messageId);
    const correlated = this.correlate(name, correlationKey, variables);
    const startedInstanceIds = this.startByEvent('message', name, variables);
    let buffered = false;
    if (correlated.length === 0 && startedInstanceIds.length === 0) {
      const ttl = typeof options.timeToLive === 'number' ? options.timeToLive : options.timeToLive ? parseDurationMs(options.timeToLive) : DEFAULT_MESSAGE_TTL_MS;
      if (ttl > 0) {
        this.bufferedMessages.push({ name, correlationKey, variables, expiresAt: this.clock.now() + ttl, messageId });
        buffered = true;
      }
    }
    await this.runUntilIdle();
    return { correlated, startedInstanceIds, buffered, duplicate: false };
  }

  /** Broadcasts a signal to every waiting subscription in every instance, once, and to signal start events. */
  async broadcastSignal(name: string, variables: JsonObject = {}): Promise<{ triggered: number; startedInstanceIds: string[] }> {
    const result = this.broadcast(name, variables);
    await this.runUntilIdle();
    return result;
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

  /** Instances started as children of a call activity in `instanceId`. */
  childrenOf(instanceId: string): string[] {
    return [...this.instances.values()].filter((r) => r.state.parent?.instanceId === instanceId).map((r) => r.state.instanceId);
  }

  /** Ids of all instances, in the order they were created. */
  instanceIds(): string[] {
    return [...this.instances.keys()];
  }

  /** Due times of the open timers, earliest first (epoch ms). */
  pendingTimers(): { instanceId: string | null; elementId: string; dueAt: number }[] {
    const rows = [...this.timers.values()].map((t) => ({ instanceId: t.instanceId as string | null, elementId: t.elementId, dueAt: t.dueAt }));
    for (const t of this.startTimers.values()) rows.push({ instanceId: null, elementId: t.startEventId, dueAt: t.schedule.dueAt });
    return rows.sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Does follow-up work, fires due timers and lets workers do every open job they can, until nothing moves. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      if (this.drainFollowUps()) continue;
      if (this.fireNextDueTimer(this.clock.now())) continue;
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
      timers: [...this.timers],
      startTimers: [...this.startTimers],
      messageSubscriptions: [...this.messageSubs],
      signalSubscriptions: [...this.signalSubs],
      bufferedMessages: this.bufferedMessages,
      seenMessageIds: [...this.seenMessageIds],
    };
  }

  /** Resumes from a snapshot (typically a JSON copy). Workers must be registered again. */
  static async restore(snapshot: HostSnapshot, options: Omit<InMemoryEngineOptions, 'now'> = {}): Promise<InMemoryEngine> {
    const engine = new InMemoryEngine({ ...options, now: snapshot.now });
    for (const xml of snapshot.deployments) {
      const model = await parseBpmn(xml);
      const index = engine.deployments.push({ xml, model }) - 1;
      for (const id of model.processes.keys()) engine.latest.set(id, index);
    }
    engine.nextId = snapshot.nextId;
    for (const r of snapshot.instances) engine.instances.set(r.state.instanceId, { deployment: r.deployment, state: r.state, history: [...r.history] });
    for (const t of snapshot.tasks) engine.tasks.set(t.elementInstanceId, t);
    for (const j of snapshot.jobs) engine.jobs.set(j.job.key, j);
    for (const [k, v] of snapshot.timers) engine.timers.set(k, v);
    for (const [k, v] of snapshot.startTimers) engine.startTimers.set(k, v);
    for (const [k, v] of snapshot.messageSubscriptions) engine.messageSubs.set(k, v);
    for (const [k, v] of snapshot.signalSubscriptions) engine.signalSubs.set(k, v);
    engine.bufferedMessages = [...snapshot.bufferedMessages];
    for (const id of snapshot.seenMessageIds) engine.seenMessageIds.add(id);
    return engine;
  }

  // ---- time -----------------------------------------------------------------------------

  /** Moves the clock to `target`, firing due timers in due order, each at its own due time. */
  private async advanceTo(target: number): Promise<void> {
    for (;;) {
      await this.runUntilIdle();
      const next = this.pendingTimers()[0];
      if (!next || next.dueAt > target) break;
      this.clock.setNow(Math.max(this.clock.now(), next.dueAt));
    }
    this.clock.setNow(target);
    await this.runUntilIdle();
  }

  private fireNextDueTimer(now: number): boolean {
    let best: { key: string; dueAt: number; start: boolean } | null = null;
    for (const [key, t] of this.timers) if (t.dueAt <= now && (!best || t.dueAt < best.dueAt)) best = { key, dueAt: t.dueAt, start: false };
    for (const [key, t] of this.startTimers) if (t.schedule.dueAt <= now && (!best || t.schedule.dueAt < best.dueAt)) best = { key, dueAt: t.schedule.dueAt, start: true };
    if (!best) return false;
    if (best.start) {
      const row = this.startTimers.get(best.key) as StartTimerRow;
      const next = nextFiring(row.schedule, now);
      if (next) this.startTimers.set(best.key, { ...row, schedule: next });
      else this.startTimers.delete(best.key);
      this.create(row.processId, { startEventId: row.startEventId });
    } else {
      const row = this.timers.get(best.key) as TimerRow;
      this.timers.delete(best.key);
      this.command(row.instanceId, { type: 'fireTimer', subscriptionId: best.key, dueAt: row.dueAt });
    }
    return true;
  }

  private armStartTimers(model: ExecutableModel, deployment: number, processIds: string[]): void {
    for (const [key, row] of this.startTimers) if (processIds.includes(row.processId)) this.startTimers.delete(key);
    for (const start of eventStartsOf(model)) {
      const event = start.def.event;
      if (event.kind !== 'timer') continue;
      const text = event.timer.value.kind === 'static' ? event.timer.value.value : event.timer.value.expression.evaluate(() => undefined, this.feelEnv());
      if (typeof text !== 'string') throw new EngineError('WF_TIMER_FORMAT', `开始定时器 ${start.startEventId} 的表达式结果不是文本 / start timer ${start.startEventId} did not evaluate to text`);
      const schedule = parseTimer(event.timer.type, text, this.clock.now());
      this.startTimers.set(`start:${deployment}:${start.startEventId}`, { processId: start.processId, startEventId: start.startEventId, deployment, schedule });
    }
  }

  private feelEnv() {
    return { now: this.clock.now(), timeZone: 'Asia/Shanghai', calendar: this.calendar, warn: () => {} };
  }

  // ---- messages and signals -----------------------------------------------------------------

  private correlate(name: string, correlationKey: string, variables: JsonObject): { instanceId: string; elementId: string }[] {
    const reached = new Map<string, { subscriptionId: string; elementId: string }>();
    for (const [subscriptionId, sub] of this.messageSubs) {
      if (sub.name === name && sub.correlationKey === correlationKey && !reached.has(sub.instanceId)) {
        reached.set(sub.instanceId, { subscriptionId, elementId: sub.elementId });
      }
    }
    for (const [instanceId, { subscriptionId }] of reached) {
      this.command(instanceId, { type: 'correlateMessage', subscriptionId, variables });
    }
    return [...reached].map(([instanceId, { elementId }]) => ({ instanceId, elementId }));
  }

  private broadcast(name: string, variables: JsonObject): { triggered: number; startedInstanceIds: string[] } {
    const targets = [...this.signalSubs].filter(([, sub]) => sub.name === name);
    for (const [subscriptionId, sub] of targets) {
      this.command(sub.instanceId, { type: 'triggerSignal', subscriptionId, variables });
    }
    return { triggered: targets.length, startedInstanceIds: this.startByEvent('signal', name, variables) };
  }

  /** Starts the latest version of every process whose message/signal start event has this name. */
  private startByEvent(kind: 'message' | 'signal', name: string, variables: JsonObject): string[] {
    const started: string[] = [];
    for (const [processId, deployment] of this.latest) {
      const model = (this.deployments[deployment] as { model: ExecutableModel }).model;
      for (const start of eventStartsOf(model)) {
        if (start.processId !== processId || start.def.event.kind !== kind) continue;
        if (startEventName(model, start, this.feelEnv()) === name) started.push(this.create(processId, { startEventId: start.startEventId, variables }));
      }
    }
    return started;
  }

  /** A new subscription may take a message that waited in the buffer. */
  private offerBufferedMessage(instanceId: string, subscriptionId: string, sub: SubscriptionRow): void {
    const now = this.clock.now();
    this.bufferedMessages = this.bufferedMessages.filter((m) => m.expiresAt > now);
    const index = this.bufferedMessages.findIndex((m) => m.name === sub.name && m.correlationKey === sub.correlationKey);
    if (index < 0) return;
    const [message] = this.bufferedMessages.splice(index, 1);
    this.followUps.push(() => this.command(instanceId, { type: 'correlateMessage', subscriptionId, variables: (message as BufferedMessage).variables }));
  }

  // ---- commands and effects ---------------------------------------------------------------

  private create(processId: string, extra: Partial<Extract<Command, { type: 'createInstance' }>>): string {
    const deployment = this.latest.get(processId);
    if (deployment === undefined) throw new InvalidCommandError(`流程 ${processId} 未部署 / process ${processId} is not deployed`, { processId });
    const record: InstanceRecord = { deployment, state: null as unknown as InstanceState, history: [] };
    // The record is filled by the first step; `state` is set before anyone reads it.
    const state = this.run(record, { ...extra, type: 'createInstance', processId }, null);
    this.instances.set(state.instanceId, record);
    return state.instanceId;
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

  private drainFollowUps(): boolean {
    const work = this.followUps.shift();
    if (!work) return false;
    work();
    return true;
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
        // An incident parks the element's job until the incident is resolved.
        this.jobs.delete(effect.elementInstanceId);
        return;
      case 'incident.resolved':
        return;
      case 'timer.scheduled':
        this.timers.set(effect.subscriptionId, { instanceId, elementId: effect.elementId, dueAt: effect.dueAt });
        return;
      case 'timer.cancelled':
        this.timers.delete(effect.subscriptionId);
        return;
      case 'message.subscribed': {
        const row = { instanceId, elementId: effect.elementId, name: effect.messageName, correlationKey: effect.correlationKey };
        this.messageSubs.set(effect.subscriptionId, row);
        this.offerBufferedMessage(instanceId, effect.subscriptionId, row);
        return;
      }
      case 'message.unsubscribed':
        this.messageSubs.delete(effect.subscriptionId);
        return;
      case 'signal.subscribed':
        this.signalSubs.set(effect.subscriptionId, { instanceId, elementId: effect.elementId, name: effect.signalName, correlationKey: null });
        return;
      case 'signal.unsubscribed':
        this.signalSubs.delete(effect.subscriptionId);
        return;
      case 'signal.broadcast':
        this.followUps.push(() => void this.broadcast(effect.signalName, effect.variables));
        return;
      case 'childInstance.create':
        this.followUps.push(() => this.createChild(instanceId, effect));
        return;
      case 'childInstance.cancel':
        this.followUps.push(() => {
          const child = this.instances.get(effect.childInstanceId);
          if (child && child.state.status === 'active') this.command(effect.childInstanceId, { type: 'cancelInstance' });
        });
        return;
      case 'parent.notify':
        this.followUps.push(() => this.notifyParent(effect.parent, effect.outcome));
        return;
      default:
        assertNever(effect);
    }
  }

  private createChild(parentInstanceId: string, effect: Extract<Effect, { type: 'childInstance.create' }>): void {
    const parent = { instanceId: parentInstanceId, elementInstanceId: effect.elementInstanceId };
    if (!this.latest.has(effect.processId)) {
      this.command(parentInstanceId, {
        type: 'childTerminated',
        elementInstanceId: effect.elementInstanceId,
        reason: `被调用的流程 ${effect.processId} 未部署 / the called process ${effect.processId} is not deployed`,
      });
      return;
    }
    this.create(effect.processId, { instanceId: effect.childInstanceId, parent, variables: effect.variables });
  }

  private notifyParent(parent: { instanceId: string; elementInstanceId: string }, outcome: ParentOutcome): void {
    if (!this.instances.has(parent.instanceId)) return;
    const elementInstanceId = parent.elementInstanceId;
    switch (outcome.kind) {
      case 'completed':
        this.command(parent.instanceId, { type: 'completeCallActivity', elementInstanceId, variables: outcome.variables });
        return;
      case 'error':
        this.command(parent.instanceId, { type: 'childError', elementInstanceId, errorCode: outcome.errorCode, ...(outcome.errorMessage ? { errorMessage: outcome.errorMessage } : {}) });
        return;
      case 'escalation':
        this.command(parent.instanceId, { type: 'childEscalation', elementInstanceId, escalationCode: outcome.escalationCode });
        return;
      case 'terminated':
        this.command(parent.instanceId, { type: 'childTerminated', elementInstanceId });
        return;
      default:
        assertNever(outcome);
    }
  }

  private record(instanceId: string): InstanceRecord {
    const record = this.instances.get(instanceId);
    if (!record) throw new InvalidCommandError(`流程实例 ${instanceId} 不存在 / process instance ${instanceId} does not exist`, { instanceId });
    return record;
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
