import type { JsonObject } from '../../../engine/state/json.js';
import { PermanentJobError, type Connector } from './connector.js';
import { listOf } from './template.js';

/** The outbox row's payload for a webhook delivery. */
export interface WebhookPayload {
  readonly url: string;
  readonly body: JsonObject;
  readonly jobKey: string;
  readonly instanceId: string;
  /** Delivery attempts before the job fails with an incident. */
  readonly maxAttempts: number;
}

/** The outbox holds the job while it delivers; nobody else may take it meanwhile. */
export const OUTBOX_LOCK_OWNER = 'outbox';
const OUTBOX_HOLD_MS = 7 * 24 * 3_600_000;

/**
 * HTTP webhook: POSTs JSON to task header `url`, which must start with an allow-listed prefix.
 * The body holds the variables named in header `variables` (comma-separated; all when absent).
 * The connector only writes an outbox row (same transaction as the job's hand-over); the outbox
 * dispatcher delivers it after commit, at least once, with the job key as `Idempotency-Key`, and
 * completes the job on a 2xx answer.
 */
export const webhookConnector: Connector = async (job, context) => {
  const url = job.headers.url ?? '';
  if (!isAllowed(url, context.webhookAllowList)) {
    throw new PermanentJobError(`网址不在允许列表中：${url} / the URL is not on the webhook allow-list: ${url}`);
  }
  const names = listOf(job.headers.variables);
  const body: JsonObject = {};
  if (names.length === 0) Object.assign(body, job.variables);
  for (const name of names) {
    const value = job.variables[name];
    if (value !== undefined) body[name] = value;
  }
  const payload: WebhookPayload = { url, body, jobKey: job.key, instanceId: job.instanceId, maxAttempts: Math.max(1, job.retries) };
  const now = context.now();
  await context.db.transaction(async (tx) => {
    const held = await tx.run("UPDATE wf_job SET lock_owner = ?, lock_expires_at = ? WHERE id = ? AND lock_owner = ? AND status = 'active'", [
      OUTBOX_LOCK_OWNER,
      now + OUTBOX_HOLD_MS,
      job.key,
      context.worker,
    ]);
    if (held === 0) return; // the job was cancelled or taken over meanwhile
    await tx.run(
      `INSERT INTO wf_outbox (id, community, kind, payload, idempotency_key, status, attempts, next_attempt_at, lock_owner, lock_expires_at, last_error, created_at)
       VALUES (?, ?, 'webhook', ?, ?, 'pending', 0, ?, NULL, NULL, NULL, ?)`,
      [context.newId(), job.community, JSON.stringify(payload), job.key, now, now],
    );
  });
};

/** Whether the URL is http(s) and starts with one of the allowed prefixes (compared after normalising). */
export function isAllowed(url: string, allowList: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  const normalised = parsed.toString();
  return allowList.some((prefix) => {
    try {
      const allowed = new URL(prefix);
      return allowed.origin === parsed.origin && normalised.startsWith(allowed.toString());
    } catch {
      return false;
    }
  });
}
