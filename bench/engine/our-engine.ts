import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import {
  InMemoryEngine,
  parseBpmn,
  step,
  type Command,
  type InstanceState,
  type StepContext,
} from '../../engine/index.js';
import { publishJobResult, taskCompletionVariables } from './scenario.js';
import { repoRoot, type Workload } from './workloads.js';

/** How our engine is driven: the pure step function as a persisting host would, or the in-memory host. */
export type OurHost = 'step' | 'in-memory';

export interface OurRunOptions {
  readonly workload: Workload;
  readonly n: number;
  readonly host: OurHost;
}

/** The JSON line our side prints; the same figures the peer's bench.mjs prints. */
export interface OurRunReport {
  readonly engine: string;
  readonly process: string;
  readonly host: OurHost;
  readonly instances: number;
  readonly seconds: number;
  readonly instancesPerSec: number;
  /** CPU time (user + system, all threads) of the timed section: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly instancesPerCpuSec: number;
  readonly waits: number;
  readonly waitsPerSec: number;
  /** States taken (JSON.stringify) while the instance waited: one per step that left it active. */
  readonly stateSnapshots: number;
  /** Timers the instances armed (and, in this scenario, cancelled again); -1 when the host does not show them. */
  readonly timersScheduled: number;
  readonly avgStateBytes: number;
  readonly maxStateBytes: number;
  readonly rssMB: number;
  readonly node: string;
}

/** Wall and CPU time of the timed section (the n instances, nothing else). */
interface Elapsed {
  readonly ms: number;
  readonly cpuMs: number;
}

function startClock(): () => Elapsed {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

/** Zeebe-style 16-digit keys: ids as long as a real host's, so the state size is not flattered. */
function keySource(): () => string {
  let next = 2251799813685249n;
  return () => String(next++);
}

class Tally {
  waits = 0;
  timersScheduled = 0;
  snapshots = 0;
  stateBytes = 0;
  maxStateBytes = 0;

  /** Takes the state as JSON, as a persisting host must at every wait. */
  take(state: InstanceState): string {
    const json = JSON.stringify(state);
    this.snapshots++;
    this.stateBytes += json.length;
    if (json.length > this.maxStateBytes) this.maxStateBytes = json.length;
    return json;
  }
}

/** Where the host finds a message subscription: by message name and correlation key (an indexed row in the runtime). */
function subscriptionKey(messageName: string, correlationKey: string | null): string {
  return `${messageName}\u0000${correlationKey ?? ''}`;
}

/**
 * Drives `step()` the way the runtime does: after every step that leaves the instance waiting
 * the state is stringified (what would be stored) and the next command runs on `JSON.parse` of
 * that string (what would be loaded), never on the live object. The host keeps what the
 * runtime keeps as rows: open user tasks, jobs, message subscriptions (looked up by name and
 * correlation key when the resident's reply is published) and timers.
 */
async function runWithStep(workload: Workload, xml: string, n: number, tally: Tally): Promise<Elapsed> {
  const model = await parseBpmn(xml);
  const calendar = createWorkingCalendar(defaultCalendarYears);
  const newId = keySource();
  const stop = startClock();
  for (let i = 0; i < n; i++) {
    let now = Date.UTC(2026, 10, 26, 8, 0, 0) + i * 60_000;
    const ctx = (): StepContext => ({ now: now++, newId, calendar });
    const openTasks: { id: string; elementId: string }[] = [];
    const openJobs: string[] = [];
    const subscriptions = new Map<string, { id: string; elementId: string }>();
    const subscriptionKeys = new Map<string, string>();
    const timers = new Set<string>();
    let feedbackCount = 0;
    const startVariables = workload.startVariables?.(i);
    let command: Command = { type: 'createInstance', processId: workload.processId, ...(startVariables ? { variables: startVariables } : {}) };
    let state: InstanceState | null = null;
    for (;;) {
      const result = step(model, state, command, ctx());
      for (const effect of result.effects) {
        switch (effect.type) {
          case 'userTask.created':
            openTasks.push({ id: effect.task.elementInstanceId, elementId: effect.task.elementId });
            tally.waits++;
            break;
          case 'job.created':
            openJobs.push(effect.job.key);
            break;
          case 'message.subscribed': {
            const key = subscriptionKey(effect.messageName, effect.correlationKey);
            subscriptions.set(key, { id: effect.subscriptionId, elementId: effect.elementId });
            subscriptionKeys.set(effect.subscriptionId, key);
            tally.waits++;
            break;
          }
          case 'message.unsubscribed': {
            const key = subscriptionKeys.get(effect.subscriptionId);
            if (key !== undefined) (subscriptions.delete(key), subscriptionKeys.delete(effect.subscriptionId));
            break;
          }
          case 'timer.scheduled':
            timers.add(effect.subscriptionId);
            tally.timersScheduled++;
            break;
          case 'timer.cancelled':
            timers.delete(effect.subscriptionId);
            break;
          case 'incident.raised':
            throw new Error(`instance ${i}: incident at ${effect.elementId}: ${effect.message}`);
          default:
            break;
        }
      }
      if (result.state.status !== 'active') break;
      // parsing back is what loading the row costs; the parsed shape is the engine's own type
      state = JSON.parse(tally.take(result.state)) as InstanceState;
      const task = openTasks.shift();
      if (task) {
        if (task.elementId === 'feedback') feedbackCount++;
        command = { type: 'completeUserTask', elementInstanceId: task.id, variables: taskCompletionVariables(i, task.elementId, feedbackCount) };
        continue;
      }
      const jobKey = openJobs.shift();
      if (jobKey !== undefined) {
        command = { type: 'completeJob', jobKey, variables: publishJobResult };
        continue;
      }
      const reply = workload.reply?.(i);
      const subscription = reply ? subscriptions.get(subscriptionKey(reply.messageName, reply.correlationKey)) : undefined;
      if (!subscription) throw new Error(`instance ${i} waits with no open user task, job or message subscription`);
      if (subscription.elementId === 'feedback') feedbackCount++;
      command = { type: 'correlateMessage', subscriptionId: subscription.id, variables: taskCompletionVariables(i, subscription.elementId, feedbackCount) };
    }
    if (openTasks.length > 0 || openJobs.length > 0 || subscriptions.size > 0 || timers.size > 0) {
      throw new Error(`instance ${i} ended with open work (tasks, jobs, subscriptions or timers)`);
    }
  }
  return stop();
}

/** The same scenario through the embedding API (`InMemoryEngine`), state taken at every wait. */
async function runInMemory(workload: Workload, xml: string, n: number, tally: Tally): Promise<Elapsed> {
  const engine = new InMemoryEngine({ now: Date.UTC(2026, 10, 26, 8, 0, 0), calendar: createWorkingCalendar(defaultCalendarYears) });
  await engine.deploy(xml);
  engine.registerWorker('publish', async () => publishJobResult);
  engine.registerWorker('remind', async () => publishJobResult);
  const stop = startClock();
  for (let i = 0; i < n; i++) {
    const instanceId = await engine.start(workload.processId, workload.startVariables?.(i));
    const seen = new Set<string>();
    let feedbackCount = 0;
    for (;;) {
      const instance = engine.getInstance(instanceId);
      if (instance.status !== 'active') break;
      tally.take(instance.state);
      const tasks = engine.userTasks({ instanceId });
      for (const t of tasks) if (!seen.has(t.elementInstanceId)) (seen.add(t.elementInstanceId), tally.waits++);
      const task = tasks[0];
      if (task) {
        if (task.elementId === 'feedback') feedbackCount++;
        await engine.completeUserTask(task.elementInstanceId, taskCompletionVariables(i, task.elementId, feedbackCount));
        continue;
      }
      const reply = workload.reply?.(i);
      if (!reply) throw new Error(`instance ${i} waits with no open user task`);
      feedbackCount++;
      tally.waits++;
      const published = await engine.publish(reply.messageName, reply.correlationKey, taskCompletionVariables(i, 'feedback', feedbackCount));
      if (published.correlated.length !== 1) throw new Error(`instance ${i}: the reply correlated to ${published.correlated.length} subscriptions`);
    }
    if (engine.getInstance(instanceId).status !== 'completed') throw new Error(`instance ${i} did not complete`);
  }
  tally.timersScheduled = -1; // not visible through the host API
  return stop();
}

/** Runs `n` instances one after another and reports the peer's figures for our engine. */
export async function runOurEngine(options: OurRunOptions): Promise<OurRunReport> {
  const { workload, n, host } = options;
  const xml = fs.readFileSync(path.join(repoRoot, workload.ourFile), 'utf8');
  const tally = new Tally();
  const { ms, cpuMs } = host === 'step' ? await runWithStep(workload, xml, n, tally) : await runInMemory(workload, xml, n, tally);
  const expected = workload.expectedWaits(n);
  if (tally.waits !== expected) throw new Error(`${workload.id}: ${tally.waits} waits, expected ${expected}`);
  const seconds = ms / 1000;
  return {
    engine: 'linli-flow',
    process: workload.id,
    host,
    instances: n,
    seconds: +seconds.toFixed(4),
    instancesPerSec: +(n / seconds).toFixed(1),
    cpuSeconds: +(cpuMs / 1000).toFixed(4),
    instancesPerCpuSec: +(n / (cpuMs / 1000)).toFixed(1),
    waits: tally.waits,
    waitsPerSec: +(tally.waits / seconds).toFixed(1),
    stateSnapshots: tally.snapshots,
    timersScheduled: tally.timersScheduled,
    avgStateBytes: Math.round(tally.stateBytes / tally.snapshots),
    maxStateBytes: tally.maxStateBytes,
    rssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    node: process.version,
  };
}
