import { taskCompletionVariables } from '../engine/scenario.js';
import type { LatencyLog } from './http-client.js';

interface TaskView {
  readonly id: string;
  readonly elementId: string;
}

/**
 * One complaint case through the HTTP API, as the engine benchmark's scenario: start, then
 * complete every task the way a clerk would. The start and each completion answer with the
 * tasks they created that the caller may see, as the API does, so the clerk goes straight on
 * without reading the inbox in between. Returns the number of completions.
 */
export async function runComplaintCase(baseUrls: readonly string[], index: number, headers: Record<string, string>, log: LatencyLog): Promise<number> {
  let turn = index;
  const url = (): string => baseUrls[turn++ % baseUrls.length] ?? '';
  const started = await log.call(`${url()}/api/instances`, 'POST', headers, { processKey: 'complaint', variables: {} });
  if (started.status !== 201) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const open: TaskView[] = [...(started.body as { createdTasks: TaskView[] }).createdTasks]; // the API's documented 201 body
  let feedbacks = 0;
  let completions = 0;
  while (open.length > 0) {
    const task = open.shift();
    if (task === undefined) break;
    if (task.elementId === 'feedback') feedbacks++;
    const done = await log.call(`${url()}/api/tasks/${task.id}/complete`, 'POST', headers, { variables: taskCompletionVariables(index, task.elementId, feedbacks) });
    if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${JSON.stringify(done.body)}`);
    completions++;
    open.push(...(done.body as { createdTasks: TaskView[] }).createdTasks);
  }
  if (completions < 3) throw new Error(`case ${index} ended after ${completions} completions: a start or completion did not answer with its tasks`);
  return completions;
}

/** `clients` loops in parallel over cases 0..n-1; returns wall seconds. */
export async function runClients(baseUrls: readonly string[], n: number, clients: number, headers: Record<string, string>, log: LatencyLog): Promise<{ seconds: number; completions: number }> {
  let next = 0;
  let completions = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) {
        const index = next++;
        const done = await runComplaintCase(baseUrls, index, headers, log);
        completions += done;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, completions };
}
