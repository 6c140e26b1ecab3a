import { call, pause, startCase, type Acknowledged } from './case-driver.js';

/**
 * Drives `scale_case` (fixtures/scale-case.bpmn) through several nodes: starters start cases
 * round-robin until `count` starts are acknowledged; clerks complete the open `Visit` tasks the
 * timers opened, each task by one clerk at a time. Acknowledgements go to the shared record.
 */
export const SCALE_PROCESS = 'scale_case';

/**
 * Starts cases until `count` are acknowledged or `stop()` says so (a refused or unanswered start
 * is tried again on the next node); returns the acknowledged ids.
 */
export async function startScaleCases(options: { count: number; clients: number; urls: () => readonly string[]; ack: Acknowledged; firstIndex: number; stop?: () => boolean }): Promise<string[]> {
  const started: string[] = [];
  let next = options.firstIndex;
  let turn = 0;
  const client = async (): Promise<void> => {
    while (started.length < options.count && !(options.stop?.() ?? false)) {
      const urls = options.urls();
      const id = await startCase(urls[turn++ % urls.length] ?? '', next++, options.ack, SCALE_PROCESS);
      if (id === null) await pause(50);
      else if (started.length < options.count) started.push(id);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return started;
}

/** Completes open `Visit` tasks of the scale cases through the nodes in turn until `stop()`. */
export async function completeVisits(options: { clients: number; urls: () => readonly string[]; ack: Acknowledged; stop: () => boolean }): Promise<void> {
  const busy = new Set<string>();
  let turn = 0;
  const clerk = async (): Promise<void> => {
    while (!options.stop()) {
      const urls = options.urls();
      const url = urls[turn++ % urls.length] ?? '';
      const listed = await call(`${url}/api/tasks?status=open&processKey=${SCALE_PROCESS}&elementId=Visit&sort=createdAt:asc&limit=100`, { method: 'GET' }, options.ack);
      const items = listed?.status === 200 ? (listed.body as { items: { id: string }[] }).items : [];
      const mine = items.filter((task) => !busy.has(task.id)).slice(0, 10);
      if (mine.length === 0) {
        await pause(200);
        continue;
      }
      for (const task of mine) busy.add(task.id);
      for (const task of mine) {
        const done = await call(`${url}/api/tasks/${task.id}/complete`, { method: 'POST', body: JSON.stringify({ variables: { visited: true } }) }, options.ack);
        if (done?.status === 200) options.ack.completedTasks.add(task.id);
        else busy.delete(task.id); // not acknowledged: it may still be open, list it again
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, clerk));
}
