import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { InMemoryEngine } from '../../../engine/index.js';
import type { JobData } from '../../../engine/step/effect.js';
import type { JsonObject } from '../../../engine/state/json.js';

export type JobWorker = (job: JobData) => Promise<JsonObject | void>;
type EngineOptions = NonNullable<ConstructorParameters<typeof InMemoryEngine>[0]>;
type UserTask = ReturnType<InMemoryEngine['userTasks']>[number];
type HistoryEvent = 'entered' | 'completed' | 'terminated';

/** Reads a `.bpmn` fixture kept beside the feature tests. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** 2026-09-29T10:00:00+08:00 → the calendar date in Beijing time, `2026-09-29`. */
export function beijingDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Drives an `InMemoryEngine` the way a host that crashes between commands would: after every
 * command (so at every wait state) the whole host goes through `JSON.parse(JSON.stringify(…))`
 * and a fresh engine is restored from the copy, with the workers registered again.
 */
export class RoundTripHost {
  /** How many times the host was serialised and restored; tests check it really happened. */
  roundTrips = 0;
  private readonly workers = new Map<string, JobWorker>();

  private constructor(
    private engine: InMemoryEngine,
    private readonly options: EngineOptions,
  ) {}

  /** Deploys the fixtures into a fresh engine and round-trips once before anything runs. */
  static async deploy(fixtures: string | readonly string[], options: EngineOptions = {}): Promise<RoundTripHost> {
    const host = new RoundTripHost(new InMemoryEngine(options), options);
    for (const name of typeof fixtures === 'string' ? [fixtures] : fixtures) await host.engine.deploy(readFixture(name));
    await host.roundTrip();
    return host;
  }

  /** Registers a worker now and again after every restore. */
  registerWorker(type: string, handler: JobWorker): void {
    this.workers.set(type, handler);
    this.engine.registerWorker(type, handler);
  }

  async start(processId: string, variables?: JsonObject): Promise<string> {
    const id = await this.engine.start(processId, variables);
    await this.roundTrip();
    return id;
  }

  /** Completes the one open task of `elementId` (fails when there is none or several). */
  async complete(instanceId: string, elementId: string, variables?: JsonObject): Promise<void> {
    const task = this.task(instanceId, elementId);
    await this.engine.completeUserTask(task.elementInstanceId, variables);
    await this.roundTrip();
  }

  /** Completes a task by its id, as an inbox would; for commands that should be refused. */
  async completeById(taskId: string, variables?: JsonObject): Promise<void> {
    await this.engine.completeUserTask(taskId, variables);
    await this.roundTrip();
  }

  /** Completes every open task of `elementId`, one after the other, round-tripping between. */
  async completeAll(instanceId: string, elementId: string, variables?: JsonObject): Promise<number> {
    const tasks = this.engine.userTasks({ instanceId, elementId });
    for (const task of tasks) {
      await this.engine.completeUserTask(task.elementInstanceId, variables);
      await this.roundTrip();
    }
    return tasks.length;
  }

  async runUntilIdle(): Promise<void> {
    await this.engine.runUntilIdle();
    await this.roundTrip();
  }

  async resolveIncident(incidentId: string): Promise<void> {
    await this.engine.resolveIncident(incidentId);
    await this.roundTrip();
  }

  async setVariables(instanceId: string, variables: JsonObject): Promise<void> {
    await this.engine.setVariables(instanceId, variables);
    await this.roundTrip();
  }

  async cancel(instanceId: string): Promise<void> {
    await this.engine.cancel(instanceId);
    await this.roundTrip();
  }

  /** The one open task of an element; throws with the open task list when not exactly one. */
  task(instanceId: string, elementId: string): UserTask {
    const tasks = this.engine.userTasks({ instanceId, elementId });
    const [task] = tasks;
    if (tasks.length !== 1 || !task) {
      throw new Error(`expected one open task ${elementId}, found ${tasks.length}; open: ${this.openTasks(instanceId).join(', ')}`);
    }
    return task;
  }

  /** Element ids of the open user tasks, sorted (a task open twice appears twice). */
  openTasks(instanceId: string): string[] {
    return this.engine.userTasks({ instanceId }).map((task) => task.elementId).sort();
  }

  instance(instanceId: string): ReturnType<InMemoryEngine['getInstance']> {
    return this.engine.getInstance(instanceId);
  }

  status(instanceId: string): string {
    return this.engine.getInstance(instanceId).status;
  }

  variables(instanceId: string): JsonObject {
    return this.engine.getInstance(instanceId).variables;
  }

  /** Element ids with the given history event, in the order they happened. */
  history(instanceId: string, event: HistoryEvent = 'entered'): string[] {
    const instance = this.engine.getInstance(instanceId);
    return instance.history.filter((h) => h.event === event && h.elementId !== instance.processId).map((h) => h.elementId);
  }

  /** How often an element had the given history event. */
  count(instanceId: string, elementId: string, event: HistoryEvent = 'entered'): number {
    return this.history(instanceId, event).filter((id) => id === elementId).length;
  }

  get clock(): InMemoryEngine['clock'] {
    return this.engine.clock;
  }

  /** Serialises the whole host, restores a new engine from the copy and checks nothing was lost. */
  async roundTrip(): Promise<void> {
    const copy: unknown = JSON.parse(JSON.stringify(this.engine.snapshot()));
    // The copy is what a host would read back from disk: typed only by the snapshot it came from.
    const restored = await InMemoryEngine.restore(copy as ReturnType<InMemoryEngine['snapshot']>, this.options);
    expect(JSON.parse(JSON.stringify(restored.snapshot()))).toEqual(copy);
    for (const [type, handler] of this.workers) restored.registerWorker(type, handler);
    this.engine = restored;
    this.roundTrips += 1;
  }
}
