import type { JsonObject } from '../../engine/state/json.js';
import { toNumber, toText, type SqlDatabase } from '../persistence/sql-database.js';
import type { WebhookPayload } from './connectors/webhook-connector.js';
import { parseJson } from './row-mappers.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';
import type { WorkflowLogger } from './workflow-service.js';

export interface OutboxDispatcherOptions {
  readonly worker: string;
  readonly now: () => number;
  readonly fetch: typeof fetch;
  readonly logger?: WorkflowLogger;
  /** A delivery that takes longer is a failed attempt. */
  readonly requestTimeoutMs?: number;
}

/** The outbox row's payload for a signal thrown by an instance, broadcast after commit. */
export interface SignalPayload {
  readonly name: string;
  readonly variables: JsonObject;
}

/** Attempts for a signal broadcast (it fails only when the database does). */
const SIGNAL_ATTEMPTS = 10;

type OutboxRow = WebhookRow | SignalRow;

interface WebhookRow {
  readonly kind: 'webhook';
  readonly id: string;
  readonly community: string;
  readonly payload: WebhookPayload;
  readonly idempotencyKey: string;
  readonly attempts: number;
}

interface SignalRow {
  readonly kind: 'signal';
  readonly id: string;
  readonly community: string;
  readonly payload: SignalPayload;
  readonly idempotencyKey: string;
  readonly attempts: number;
}

const LOCK_MS = 60_000;

/**
 * Delivers outbox rows after commit: at least once, `Idempotency-Key` header, exponential
 * back-off between attempts. A delivered webhook completes its job; the last failed attempt
 * fails the job with no retries left, which raises an incident an admin can retry.
 */
export class OutboxDispatcher {
  constructor(
    private readonly service: SqlWorkflowService,
    private readonly db: SqlDatabase,
    private readonly options: OutboxDispatcherOptions,
  ) {}

  /** Delivers the due rows; returns how many were attempted. */
  async dispatchDue(max = 16): Promise<number> {
    const rows = await this.acquire(max);
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  /** Earliest next attempt of a pending row, or null. */
  async nextDue(): Promise<number | null> {
    const row = await this.db.get("SELECT MIN(next_attempt_at) AS due FROM wf_outbox WHERE status = 'pending'");
    return row && row.due !== null && row.due !== undefined ? toNumber(row.due) : null;
  }

  private async acquire(max: number): Promise<OutboxRow[]> {
    const now = this.options.now();
    return this.db.transaction(async (tx) => {
      const rows = await tx.all(
        `SELECT id, community, kind, payload, idempotency_key, attempts FROM wf_outbox WHERE status = 'pending' AND next_attempt_at <= ?
         AND (lock_expires_at IS NULL OR lock_expires_at <= ?) ORDER BY next_attempt_at LIMIT ${max}${this.db.forUpdateSkipLocked}`,
        [now, now],
      );
      const taken: OutboxRow[] = [];
      for (const row of rows) {
        const id = toText(row.id);
        await tx.run('UPDATE wf_outbox SET lock_owner = ?, lock_expires_at = ? WHERE id = ?', [this.options.worker, now + LOCK_MS, id]);
        const common = { id, community: toText(row.community), idempotencyKey: toText(row.idempotency_key), attempts: toNumber(row.attempts) };
        if (toText(row.kind) === 'signal') taken.push({ ...common, kind: 'signal', payload: parseJson<SignalPayload>(row.payload) });
        else taken.push({ ...common, kind: 'webhook', payload: parseJson<WebhookPayload>(row.payload) });
      }
      return taken;
    });
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const failure = row.kind === 'webhook' ? await this.post(row) : await this.broadcast(row);
    const attempts = row.attempts + 1;
    if (failure === null) {
      await this.db.run("UPDATE wf_outbox SET status = 'done', attempts = ?, lock_owner = NULL, lock_expires_at = NULL, last_error = NULL WHERE id = ?", [attempts, row.id]);
      if (row.kind === 'webhook') await this.settleJob(row, null);
      return;
    }
    this.options.logger?.warn({ outboxId: row.id, kind: row.kind, attempts, error: failure }, 'outbox delivery failed');
    if (attempts >= (row.kind === 'webhook' ? row.payload.maxAttempts : SIGNAL_ATTEMPTS)) {
      await this.db.run("UPDATE wf_outbox SET status = 'dead', attempts = ?, lock_owner = NULL, lock_expires_at = NULL, last_error = ? WHERE id = ?", [attempts, failure, row.id]);
      if (row.kind === 'webhook') await this.settleJob(row, failure);
      return;
    }
    const backoff = Math.min(300_000, 1_000 * 2 ** (attempts - 1));
    await this.db.run('UPDATE wf_outbox SET attempts = ?, next_attempt_at = ?, lock_owner = NULL, lock_expires_at = NULL, last_error = ? WHERE id = ?', [
      attempts,
      this.options.now() + backoff,
      failure,
      row.id,
    ]);
  }

  /** Broadcasts a thrown signal to the community; returns null when done, else what went wrong. */
  private async broadcast(row: SignalRow): Promise<string | null> {
    try {
      await this.service.broadcastSignal({ community: row.community, userId: 'system', name: row.payload.name, variables: row.payload.variables });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Returns null on a 2xx answer, else what went wrong. */
  private async post(row: WebhookRow): Promise<string | null> {
    try {
      const response = await this.options.fetch(row.payload.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': row.idempotencyKey },
        body: JSON.stringify(row.payload.body),
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private async settleJob(row: WebhookRow, failure: string | null): Promise<void> {
    const ref = { community: row.community, jobKey: row.payload.jobKey };
    try {
      if (failure === null) await this.service.completeJob(ref);
      else {
        await this.service.failJob({
          ...ref,
          retries: 0,
          errorMessage: `网络回调投递失败：${failure} / webhook delivery failed: ${failure}`,
        });
      }
    } catch (error) {
      // The instance may have been cancelled meanwhile; the delivery outcome stays recorded on the outbox row.
      this.options.logger?.warn({ outboxId: row.id, error: error instanceof Error ? error.message : String(error) }, 'webhook job could not be settled');
    }
  }
}
