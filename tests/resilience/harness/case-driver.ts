/**
 * Drives cases of `resilience_case` (register → handle ∥ 2 s timer → feedback) through the HTTP
 * API of one or more nodes and records what the server acknowledged: a started instance (201)
 * or a completed task (200). Anything else (connection refused, 409, 503) is not acknowledged
 * and may or may not have happened; the checks only hold the server to its acknowledgements.
 */
export interface Acknowledged {
  readonly started: Set<string>;
  readonly completedTasks: Set<string>;
  /** Requests that got no answer or a 5xx (expected while a node is down). */
  failures: number;
  requests: number;
  /** When given, every answer (status 0: none within the client timeout) is recorded here. */
  readonly answers?: Answer[];
}

/** One answer as the client saw it: when, which request, the status and the body. */
export interface Answer {
  readonly at: number;
  readonly request: string;
  readonly status: number;
  readonly body: unknown;
}

export const clerkHeaders = { 'x-user': 'li', 'x-community': 'demo', 'x-groups': 'rc', 'content-type': 'application/json' } as const;

export function newAcknowledged(): Acknowledged {
  return { started: new Set(), completedTasks: new Set(), failures: 0, requests: 0 };
}

export async function call(url: string, init: RequestInit, ack: Acknowledged): Promise<{ status: number; body: unknown } | null> {
  ack.requests++;
  try {
    const response = await fetch(url, { ...init, headers: clerkHeaders, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    if (response.status >= 500) ack.failures++;
    const body = text === '' ? null : (JSON.parse(text) as unknown);
    ack.answers?.push({ at: Date.now(), request: `${init.method ?? 'GET'} ${new URL(url).pathname}`, status: response.status, body });
    return { status: response.status, body };
  } catch {
    ack.failures++;
    ack.answers?.push({ at: Date.now(), request: `${init.method ?? 'GET'} ${new URL(url).pathname}`, status: 0, body: null });
    return null;
  }
}

/** Starts one case (of `resilience_case` unless told); returns its id when acknowledged. */
export async function startCase(baseUrl: string, index: number, ack: Acknowledged, processKey = 'resilience_case'): Promise<string | null> {
  const answer = await call(`${baseUrl}/api/instances`, { method: 'POST', body: JSON.stringify({ processKey, variables: { index } }) }, ack);
  if (answer?.status !== 201) return null;
  const id = (answer.body as { id: string }).id; // the API's documented 201 body
  ack.started.add(id);
  return id;
}

/** Completes every open task of one case once; returns how many completions were acknowledged. */
export async function advanceCase(baseUrl: string, instanceId: string, ack: Acknowledged): Promise<number> {
  const answer = await call(`${baseUrl}/api/tasks?instanceId=${instanceId}&status=open`, { method: 'GET' }, ack);
  if (answer?.status !== 200) return 0;
  let done = 0;
  for (const task of (answer.body as { items: { id: string }[] }).items) {
    const completed = await call(`${baseUrl}/api/tasks/${task.id}/complete`, { method: 'POST', body: JSON.stringify({ variables: { handled: true } }) }, ack);
    if (completed?.status === 200) {
      ack.completedTasks.add(task.id);
      done++;
    }
  }
  return done;
}

/**
 * `clients` loops in parallel until `stop()` says so: each keeps a few cases in flight, starts
 * new ones and completes whatever task is open. `baseUrls` picks a node per request.
 */
export async function driveLoad(options: { baseUrls: () => readonly string[]; clients: number; inFlight: number; stop: () => boolean; ack: Acknowledged; nextIndex: () => number }): Promise<void> {
  const client = async (): Promise<void> => {
    const cases: string[] = [];
    let turn = 0;
    while (!options.stop()) {
      const urls = options.baseUrls();
      const url = urls[turn++ % urls.length] ?? '';
      if (cases.length < options.inFlight) {
        const id = await startCase(url, options.nextIndex(), options.ack);
        if (id !== null) cases.push(id);
        else await pause(20);
        continue;
      }
      const id = cases.shift();
      if (id === undefined) continue;
      await advanceCase(url, id, options.ack);
      // keep it unless it is done; a finished case drops out after its feedback task
      const details = await call(`${url}/api/instances/${id}`, { method: 'GET' }, options.ack);
      if (details === null || (details.body as { status?: string } | null)?.status !== 'completed') cases.push(id);
      if (details === null) await pause(20);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
