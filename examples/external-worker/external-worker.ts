/**
 * An external job worker in its own process: long-polls the job worker API with an API token
 * (scope `worker`) for jobs of type `linli:address-check:1`, checks the repair address against
 * a small register of buildings, and completes the job with the address's grid area, throws the
 * BPMN error `ADDRESS_UNKNOWN` for a building the register does not know, or fails the job (one
 * retry fewer) when the address is not usable at all.
 *
 * Run against `npm start` after deploying `examples/external-worker/address-check.bpmn` and
 * creating a worker token (系统设置 → API 令牌, or `POST /api/tokens`):
 *   LINLI_URL=http://127.0.0.1:3000 LINLI_TOKEN=llt_… npx tsx examples/external-worker/external-worker.ts
 * Optional: LINLI_WORKER (lock owner name), LINLI_STOP_AFTER (exit after that many jobs).
 * Exit codes: 0 done or stopped (Ctrl-C), 2 the token was refused.
 */
import { apiError, LinliApiError, LinliClient, requiredEnv, serverUrl } from '../shared/linli-client.js';

export const jobType = 'linli:address-check:1';

/** The job as `POST /api/jobs/activate` hands it out (the fields this worker reads). */
interface ActivatedJob {
  readonly key: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly retries: number;
  readonly variables: Record<string, unknown>;
}

/** What the worker decided for one job. */
export type Outcome =
  | { readonly kind: 'complete'; readonly variables: Record<string, unknown> }
  | { readonly kind: 'error'; readonly errorCode: string; readonly errorMessage: string }
  | { readonly kind: 'fail'; readonly errorMessage: string };

/** The community's building register: building number → grid area (网格). */
const register: ReadonlyMap<number, string> = new Map(Array.from({ length: 20 }, (_, i) => [i + 1, `第${Math.ceil((i + 1) / 5)}网格`]));

/** The business logic, free of HTTP: what to answer for these variables. */
export function checkAddress(variables: Record<string, unknown>): Outcome {
  const building = variables.building;
  if (typeof building !== 'number' || !Number.isInteger(building) || building < 1) {
    return { kind: 'fail', errorMessage: `楼号不是正整数：${JSON.stringify(building ?? null)} / building is not a positive integer` };
  }
  const grid = register.get(building);
  if (grid === undefined) {
    return { kind: 'error', errorCode: 'ADDRESS_UNKNOWN', errorMessage: `${building}号楼不在本小区登记册中 / building ${building} is not in the register` };
  }
  const room = typeof variables.room === 'string' ? variables.room : '';
  return { kind: 'complete', variables: { gridArea: grid, addressText: `${building}号楼${room === '' ? '' : `${room}室`}`, addressChecked: true } };
}

/** Sends the decision for one job to the server. */
async function report(client: LinliClient, worker: string, job: ActivatedJob, outcome: Outcome): Promise<void> {
  const path = `/api/jobs/${encodeURIComponent(job.key)}`;
  if (outcome.kind === 'complete') await client.call('POST', `${path}/complete`, { worker, variables: outcome.variables });
  else if (outcome.kind === 'error') await client.call('POST', `${path}/error`, { worker, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage });
  else await client.call('POST', `${path}/fail`, { worker, retries: Math.max(0, job.retries - 1), errorMessage: outcome.errorMessage, retryBackoffMs: 5_000 });
}

export interface WorkerOptions {
  readonly url: string;
  readonly token: string;
  readonly worker: string;
  /** Stop after this many jobs (undefined: run until stopped). */
  readonly stopAfter?: number;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** Polls, decides and reports until `stopAfter` jobs are done or `signal` aborts. Answers how many jobs it handled. */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const client = LinliClient.withToken(options.url, options.token);
  let handled = 0;
  options.log(`外部执行器 ${options.worker} 等待 ${jobType} 类型的任务 / waiting for jobs of type ${jobType}`);
  while (!options.signal.aborted && (options.stopAfter === undefined || handled < options.stopAfter)) {
    let response: Response;
    try {
      const maxJobs = Math.min(10, (options.stopAfter ?? Infinity) - handled);
      // Long polling: the server holds the request until a job appears or 20 s pass.
      response = await client.send('POST', '/api/jobs/activate', { type: jobType, worker: options.worker, maxJobs, lockTimeoutMs: 60_000, requestTimeoutMs: 20_000, fetchVariables: ['building', 'room'] }, {}, options.signal);
    } catch (error) {
      if (options.signal.aborted) break;
      options.log(`连接失败，5 秒后重试 / cannot reach the server, retrying in 5 s: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      continue;
    }
    if (!response.ok) throw await apiError(response);
    const { jobs } = (await response.json()) as { jobs: ActivatedJob[] };
    for (const job of jobs) {
      const outcome = checkAddress(job.variables);
      await report(client, options.worker, job, outcome);
      handled += 1;
      options.log(`任务 ${job.key}（案件 ${job.instanceId}）→ ${outcome.kind}${outcome.kind === 'complete' ? ` ${JSON.stringify(outcome.variables)}` : `: ${outcome.errorMessage}`}`);
    }
  }
  return handled;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const stopAfter = process.env.LINLI_STOP_AFTER === undefined ? undefined : Number(process.env.LINLI_STOP_AFTER);
  try {
    if (stopAfter !== undefined && (!Number.isInteger(stopAfter) || stopAfter < 1)) throw new Error('LINLI_STOP_AFTER 必须是正整数 / must be a positive integer');
    const handled = await runWorker({
      url: serverUrl(),
      token: requiredEnv('LINLI_TOKEN', '作用范围为 worker 的 API 令牌 / an API token with scope worker'),
      worker: process.env.LINLI_WORKER?.trim() || `address-checker-${process.pid}`,
      ...(stopAfter === undefined ? {} : { stopAfter }),
      signal: abort.signal,
      log: (line) => console.log(line),
    });
    console.log(`已处理 ${handled} 个任务 / handled ${handled} job(s)`);
  } catch (error) {
    if (error instanceof LinliApiError && (error.status === 401 || error.status === 403)) {
      console.error(`令牌被拒绝 / the token was refused: ${error.message}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
