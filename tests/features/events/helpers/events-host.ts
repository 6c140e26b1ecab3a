import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { InMemoryEngine } from '../../../../engine/index.js';
import type { JobData } from '../../../../engine/step/effect.js';
import type { JsonObject } from '../../../../engine/state/json.js';

export type JobWorker = (job: JobData) => Promise<JsonObject | void>;
type EngineOptions = NonNullable<ConstructorParameters<typeof InMemoryEngine>[0]>;
type UserTask = ReturnType<InMemoryEngine['userTasks']>[number];
type HistoryEvent = 'entered' | 'completed' | 'terminated';
type PublishOptions = NonNullable<Parameters<InMemoryEngine['publish']>[3]>;

/** Reads a `.bpmn` fixture kept beside the event feature tests. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Epoch ms → the Beijing wall-clock time, `2026-09-29T10:00`. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
}

/**
 * Drives an `InMemoryEngine` like a host that may crash between any two commands: after each
 * command (so at every wait) the whole host goes through `JSON.parse(JSON.stringify(…))` and a
 * fresh engine is restored from the copy, workers registered again. Adds the issue-3 host
 * API (publish, signals, clock) to what `tests/features/helpers/round-trip-host.ts` does.
 */
export class EventsHost {
  /** How many times the host was serialised and restored. */
  roundTrips = 0;
  private readonly workers = new Map<string, JobWorker>();

  private constructor(
    private current: InMemoryEngine,
    private readonly options: EngineOptions,
  ) {}

  static async deploy(fixtures: string | readonly string[], options: EngineOptions = {}): Promise<EventsHost> {
    return EventsHost.deployXml((typeof fixtures === 'string' ? [fixtures] : fixtures).map(readFixture), options);
  }

  /** Deploys BPMN documents given as text (e.g. corpus models kept outside the repository). */
  static async deployXml(documents: readonly string[], options: EngineOptions = {}): Promise<EventsHost> {
    const host = new EventsHost(new InMemoryEngine(options), options);
    for (const xml of documents) await host.current.deploy(xml);
    await host.roundTrip();
    return host;
  }

  /** The engine as restored at the last wait: for reads and for what the wrapper does not offer. */
  get engine(): InMemoryEngine {
    return this.current;
  }

  registerWorker(type: string, handler: JobWorker): void {
    this.workers.set(type, handler);
    this.current.registerWorker(type, handler);
  }

  async start(processId: string, variables?: JsonObject): Promise<string> {
    const id = await this.current.start(processId, variables);
    await this.roundTrip();
    return id;
  }

  async complete(instanceId: string, elementId: string, variables?: JsonObject): Promise<void> {
    const task = this.task(instanceId, elementId);
    await this.current.completeUserTask(task.elementInstanceId, variables);
    await this.roundTrip();
  }

  async completeById(taskId: string, variables?: JsonObject): Promise<void> {
    await this.current.completeUserTask(taskId, variables);
    await this.roundTrip();
  }

  async publish(name: string, correlationKey: string, variables?: JsonObject, options?: PublishOptions): ReturnType<InMemoryEngine['publish']> {
    const result = await this.current.publish(name, correlationKey, variables, options);
    await this.roundTrip();
    return result;
  }

  async broadcastSignal(name: string, variables?: JsonObject): ReturnType<InMemoryEngine['broadcastSignal']> {
    const result = await this.current.broadcastSignal(name, variables);
    await this.roundTrip();
    return result;
  }

  /** Moves the clock by an ISO duration (due timers fire on the way), then round-trips. */
  async advance(isoDuration: string): Promise<void> {
    await this.current.clock.advance(isoDuration);
    await this.roundTrip();
  }

  async setTime(ms: number): Promise<void> {
    await this.current.clock.set(ms);
    await this.roundTrip();
  }

  now(): number {
    return this.current.clock.now();
  }

  async runUntilIdle(): Promise<void> {
    await this.current.runUntilIdle();
    await this.roundTrip();
  }

  async resolveIncident(incidentId: string): Promise<void> {
    await this.current.resolveIncident(incidentId);
    await this.roundTrip();
  }

  async cancel(instanceId: string): Promise<void> {
    await this.current.cancel(instanceId);
    await this.roundTrip();
  }

  task(instanceId: string, elementId: string): UserTask {
    const tasks = this.current.userTasks({ instanceId, elementId });
    const [task] = tasks;
    if (tasks.length !== 1 || !task) {
      throw new Error(`expected one open task ${elementId}, found ${tasks.length}; open: ${this.openTasks(instanceId).join(', ')}`);
    }
    return task;
  }

  openTasks(instanceId: string): string[] {
    return this.current.userTasks({ instanceId }).map((task) => task.elementId).sort();
  }

  /** Element ids (with instance, or null for start timers) of the open timers, earliest first. */
  timers(instanceId?: string): string[] {
    return this.current
      .pendingTimers()
      .filter((t) => instanceId === undefined || t.instanceId === instanceId)
      .map((t) => t.elementId);
  }

  timerDueTimes(elementId: string): number[] {
    return this.current.pendingTimers().filter((t) => t.elementId === elementId).map((t) => t.dueAt);
  }

  /** The open message and signal subscriptions of an instance, as element ids, sorted. */
  subscriptions(instanceId: string): string[] {
    const snapshot = this.current.snapshot();
    return [...snapshot.messageSubscriptions, ...snapshot.signalSubscriptions]
      .filter(([, row]) => row.instanceId === instanceId)
      .map(([, row]) => row.elementId)
      .sort();
  }

  /** Open jobs of an instance as element ids, sorted. */
  jobs(instanceId: string): string[] {
    return this.current
      .snapshot()
      .jobs.filter((j) => j.instanceId === instanceId)
      .map((j) => j.job.elementId)
      .sort();
  }

  instance(instanceId: string): ReturnType<InMemoryEngine['getInstance']> {
    return this.current.getInstance(instanceId);
  }

  status(instanceId: string): string {
    return this.current.getInstance(instanceId).status;
  }

  variables(instanceId: string): JsonObject {
    return this.current.getInstance(instanceId).variables;
  }

  history(instanceId: string, event: HistoryEvent = 'entered'): string[] {
    const instance = this.current.getInstance(instanceId);
    return instance.history.filter((h) => h.event === event && h.elementId !== instance.processId).map((h) => h.elementId);
  }

  count(instanceId: string, elementId: string, event: HistoryEvent = 'entered'): number {
    return this.history(instanceId, event).filter((id) => id === elementId).length;
  }

  /** Asserts an instance left nothing open behind: no task, job, timer or subscription. */
  expectNothingOpen(instanceId: string): void {
    expect({ tasks: this.openTasks(instanceId), jobs: this.jobs(instanceId), timers: this.timers(instanceId), subscriptions: this.subscriptions(instanceId) }).toEqual({
      tasks: [],
      jobs: [],
      timers: [],
      subscriptions: [],
    });
  }

  async roundTrip(): Promise<void> {
    const copy: unknown = JSON.parse(JSON.stringify(this.current.snapshot()));
    // The copy is what a host would read back from disk: typed only by the snapshot it came from.
    const restored = await InMemoryEngine.restore(copy as ReturnType<InMemoryEngine['snapshot']>, this.options);
    expect(JSON.parse(JSON.stringify(restored.snapshot()))).toEqual(copy);
    for (const [type, handler] of this.workers) restored.registerWorker(type, handler);
    this.current = restored;
    this.roundTrips += 1;
  }
}
