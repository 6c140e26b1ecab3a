import { clerkHeaders, pause } from './case-driver.js';

/**
 * External job workers for the multi-node tests: `perNode` workers long-poll each node slot,
 * complete what they get through the same node, and record every execution with its lock
 * window (from the server's deadline) and what became of it. A worker whose node dies under it
 * dies too: the jobs it holds are abandoned, as a crashed worker process would leave them, and
 * must be picked up by another worker once their lock expires. A refused activation (4xx) is a
 * mistake in the test and ends the workers with its message.
 */
export interface Execution {
  readonly jobKey: string;
  readonly instanceId: string;
  readonly worker: string;
  /** Server time the lock began (its deadline − lockTimeoutMs). */
  readonly lockedFrom: number;
  /** Server time the lock ends. */
  readonly deadline: number;
  /** Client time the activation answer arrived; the work window starts here. */
  readonly receivedAt: number;
  /** Client time the completion answer (or the failure) arrived; null while working. */
  endedAt: number | null;
  /** completed: 204; refused: another answer; abandoned: the node went away under the worker. */
  outcome: 'working' | 'completed' | 'refused' | 'abandoned';
}

/** The node serving one slot, or null while it is down. */
export interface NodeSlot {
  readonly id: string;
  readonly url: string;
}

export interface JobWorkerOptions {
  readonly slots: () => readonly (NodeSlot | null)[];
  readonly perNode: number;
  readonly type: string;
  readonly lockTimeoutMs: number;
  readonly stop: () => boolean;
  /** Every execution is appended here. */
  readonly executions: Execution[];
}

interface ActivatedJob {
  readonly key: string;
  readonly instanceId: string;
  readonly deadline: string;
}

/** Runs the workers until `stop()`; resolves when all have returned. */
export async function runJobWorkers(options: JobWorkerOptions): Promise<void> {
  const worker = async (slot: number, n: number): Promise<void> => {
    while (!options.stop()) {
      const node = options.slots()[slot] ?? null;
      if (node === null) {
        await pause(100);
        continue;
      }
      const name = `${node.id}:worker-${n}`;
      let jobs: readonly ActivatedJob[];
      try {
        const response = await fetch(`${node.url}/api/jobs/activate`, {
          method: 'POST',
          headers: clerkHeaders,
          body: JSON.stringify({ type: options.type, worker: name, maxJobs: 8, lockTimeoutMs: options.lockTimeoutMs, requestTimeoutMs: 500 }),
          signal: AbortSignal.timeout(15_000),
        });
        if (response.status >= 400 && response.status < 500) throw new Error(`job activation refused (${response.status}): ${await response.text()}`);
        if (response.status !== 200) {
          await response.arrayBuffer();
          await pause(100);
          continue;
        }
        jobs = ((await response.json()) as { jobs: ActivatedJob[] }).jobs; // the API's documented 200 body
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('job activation refused')) throw error;
        await pause(100);
        continue;
      }
      const receivedAt = Date.now();
      const batch: Execution[] = jobs.map((job) => {
        const deadline = Date.parse(job.deadline);
        return { jobKey: job.key, instanceId: job.instanceId, worker: name, lockedFrom: deadline - options.lockTimeoutMs, deadline, receivedAt, endedAt: null, outcome: 'working' };
      });
      options.executions.push(...batch);
      for (const [i, execution] of batch.entries()) {
        try {
          const done = await fetch(`${node.url}/api/jobs/${execution.jobKey}/complete`, {
            method: 'POST',
            headers: clerkHeaders,
            body: JSON.stringify({ worker: name, variables: { checkedBy: name } }),
            signal: AbortSignal.timeout(15_000),
          });
          await done.arrayBuffer();
          execution.endedAt = Date.now();
          execution.outcome = done.status === 204 ? 'completed' : 'refused';
        } catch {
          // the node is gone: this worker dies with it and leaves the rest of its batch locked
          const now = Date.now();
          for (const left of batch.slice(i)) {
            left.endedAt = now;
            left.outcome = 'abandoned';
          }
          break;
        }
      }
    }
  };
  const slots = options.slots().length;
  await Promise.all(Array.from({ length: slots * options.perNode }, (_, i) => worker(i % slots, Math.floor(i / slots))));
}

/**
 * What the executions show about exclusivity: two locks on one job that overlap in time, a job
 * completed (204) more than once, or activated again after a completion was acknowledged.
 */
export function exclusivityProblems(executions: readonly Execution[]): string[] {
  const problems: string[] = [];
  const byJob = new Map<string, Execution[]>();
  for (const execution of executions) byJob.set(execution.jobKey, [...(byJob.get(execution.jobKey) ?? []), execution]);
  for (const [jobKey, list] of byJob) {
    const sorted = [...list].sort((a, b) => a.lockedFrom - b.lockedFrom);
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1];
      const after = sorted[i];
      if (!before || !after) continue;
      if (after.lockedFrom < before.deadline) {
        problems.push(`job ${jobKey}: ${after.worker} locked it at ${after.lockedFrom} while ${before.worker} held it until ${before.deadline}`);
      }
      if (before.outcome === 'completed') problems.push(`job ${jobKey}: activated by ${after.worker} after ${before.worker}'s completion was acknowledged`);
    }
    const completions = sorted.filter((e) => e.outcome === 'completed').length;
    if (completions > 1) problems.push(`job ${jobKey}: completed ${completions} times`);
  }
  return problems;
}
