import { acquireDueStartTimers, START_TIMER_KIND } from './start-timers.js';
import { toNumber, toText, type SqlDatabase } from '../persistence/sql-database.js';
import { BUILT_IN_JOB_TYPES, PermanentJobError, type Connector, type ConnectorContext } from './connectors/connector.js';
import { notifyConnector } from './connectors/notify-connector.js';
import { publicReplyConnector } from './connectors/public-reply-connector.js';
import { webhookConnector } from './connectors/webhook-connector.js';
import { createIdGenerator } from './ids.js';
import { acquireJobs, type AcquiredJob } from './job-store.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { RetentionCleaner } from './retention-cleaner.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';
import type { WorkflowLogger } from './workflow-service.js';

export interface JobExecutorOptions {
  /** Lock owner name of this node. */
  readonly nodeId: string;
  readonly now: () => number;
  readonly webhookAllowList: readonly string[];
  readonly logger?: WorkflowLogger;
  /** The safety-net poll; wake-ups make most work start sooner. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** Where the retention clean-up writes archive files; without it there is no clean-up. */
  readonly archiveDir?: string;
  /** How often the retention clean-up runs. Default 1 hour. */
  readonly retentionIntervalMs?: number;
  /** How often the planner statistics are refreshed (`SqlDatabase.refreshPlannerStatistics`). Default 1 hour. */
  readonly statisticsIntervalMs?: number;
  /** How long this node holds an acquired built-in job. Default 60 s. */
  readonly lockTimeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const CONNECTORS: ReadonlyMap<string, Connector> = new Map([
  [BUILT_IN_JOB_TYPES.notify, notifyConnector],
  [BUILT_IN_JOB_TYPES.webhook, webhookConnector],
  [BUILT_IN_JOB_TYPES.publicReply, publicReplyConnector],
]);

const MAX_BACKOFF_MS = 300_000;

/**
 * Runs what is due without a person: built-in connector jobs, outbox deliveries and (with
 * issue 3) timers. Everything is a row, acquired with a lock owner and expiry, so a crashed
 * node's work is picked up after the expiry and nothing depends on the in-process wake-up,
 * which only makes it start sooner.
 */
export class JobExecutor {
  private readonly context: ConnectorContext;
  private readonly outbox: OutboxDispatcher;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  private readonly retention: RetentionCleaner | undefined;
  private lastRetentionRun = Number.NEGATIVE_INFINITY;
  /** The database refreshed its statistics when it opened. */
  private lastStatisticsRun: number;

  constructor(
    private readonly service: SqlWorkflowService,
    private readonly db: SqlDatabase,
    private readonly options: JobExecutorOptions,
  ) {
    this.context = {
      service,
      db,
      worker: options.nodeId,
      now: options.now,
      newId: createIdGenerator(options.now),
      webhookAllowList: options.webhookAllowList,
    };
    this.lastStatisticsRun = options.now();
    this.retention = options.archiveDir ? new RetentionCleaner(db, { archiveDir: options.archiveDir, now: options.now }) : undefined;
    this.outbox = new OutboxDispatcher(service, db, {
      worker: options.nodeId,
      now: options.now,
      fetch: options.fetch ?? fetch,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** Starts polling and listening for new work. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.service.onCommitted((events) => {
      if (events.some((e) => e.type === 'job.available' && CONNECTORS.has(e.jobType))) this.wake(0);
    });
    this.wake(0);
  }

  /** Stops polling and waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One round: built-in jobs, outbox, timers. Returns the number of items handled. Tests call
   * it directly (with the executor not started) to stay deterministic.
   */
  async runOnce(): Promise<number> {
    let handled = 0;
    const jobs = await acquireJobs(this.db, {
      types: [...CONNECTORS.keys()],
      worker: this.options.nodeId,
      max: 32,
      lockTimeoutMs: this.options.lockTimeoutMs ?? 60_000,
      now: this.options.now(),
    });
    for (const job of jobs) {
      await this.runJob(job);
      handled++;
    }
    handled += await this.outbox.dispatchDue();
    handled += await this.fireDueTimers();
    handled += await this.fireDueStartTimers();
    if (this.retention && this.options.now() - this.lastRetentionRun >= (this.options.retentionIntervalMs ?? 3_600_000)) {
      this.lastRetentionRun = this.options.now();
      await this.runRetention();
    }
    if (this.options.now() - this.lastStatisticsRun >= (this.options.statisticsIntervalMs ?? 3_600_000)) {
      this.lastStatisticsRun = this.options.now();
      await this.db.refreshPlannerStatistics().catch((error: unknown) => {
        this.options.logger?.error({ error: error instanceof Error ? error.message : String(error) }, 'planner statistics refresh failed');
      });
    }
    return handled;
  }

  /** Archives and removes finished cases past their community's retention policy; returns how many. */
  async runRetention(): Promise<number> {
    if (!this.retention) return 0;
    try {
      return await this.retention.run();
    } catch (error) {
      this.options.logger?.error({ error: error instanceof Error ? error.message : String(error) }, 'retention clean-up failed');
      return 0;
    }
  }

  /**
   * Fires due timers: rows of kind 'timer' with `due_at <= now`, locked like jobs. Each firing
   * deletes its row and runs the engine's `fireTimer` in one transaction, so it happens once; a
   * restart finds the rows that fell due while the node was down. A cycle re-arms its row
   * through the engine's `timer.scheduled` effect.
   */
  private async fireDueTimers(): Promise<number> {
    const now = this.options.now();
    const timers = await this.db.transaction(async (tx) => {
      const rows = await tx.all(
        `SELECT id, community, instance_id, due_at FROM wf_job WHERE kind = 'timer' AND status = 'active' AND due_at <= ?
         AND (lock_expires_at IS NULL OR lock_expires_at <= ?) ORDER BY due_at LIMIT 64${this.db.forUpdateSkipLocked}`,
        [now, now],
      );
      for (const row of rows) {
        await tx.run('UPDATE wf_job SET lock_owner = ?, lock_expires_at = ? WHERE id = ?', [this.options.nodeId, now + (this.options.lockTimeoutMs ?? 60_000), toText(row.id)]);
      }
      return rows.map((row) => ({ subscriptionId: toText(row.id), community: toText(row.community), instanceId: toText(row.instance_id), dueAt: toNumber(row.due_at) }));
    });
    for (const timer of timers) {
      try {
        await this.service.fireTimer(timer);
      } catch (error) {
        this.options.logger?.error({ timer: timer.subscriptionId, error: error instanceof Error ? error.message : String(error) }, 'timer could not fire');
      }
    }
    return timers.length;
  }

  /** Due timer start events: each starts a case (and re-arms its cycle) once. */
  private async fireDueStartTimers(): Promise<number> {
    const timers = await acquireDueStartTimers(this.db, this.options.now(), this.options.nodeId, this.options.lockTimeoutMs ?? 60_000);
    for (const timer of timers) {
      try {
        await this.service.fireStartTimer(timer);
      } catch (error) {
        this.options.logger?.error({ startTimer: timer.id, error: error instanceof Error ? error.message : String(error) }, 'start timer could not fire');
      }
    }
    return timers.length;
  }

  private async runJob(job: AcquiredJob): Promise<void> {
    const connector = CONNECTORS.get(job.type);
    if (!connector) return;
    try {
      await connector(job, this.context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retries = error instanceof PermanentJobError ? 0 : Math.max(0, job.retries - 1);
      this.options.logger?.warn({ jobKey: job.key, type: job.type, retries, error: message }, 'built-in job failed');
      try {
        await this.service.failJob({
          community: job.community,
          jobKey: job.key,
          worker: this.options.nodeId,
          retries,
          errorMessage: message,
          retryBackoffMs: backoffOf(job.retries),
        });
      } catch (failError) {
        // The job vanished (instance cancelled) or the database is down: the lock expiry brings it back if needed.
        this.options.logger?.error({ jobKey: job.key, error: failError instanceof Error ? failError.message : String(failError) }, 'could not record job failure');
      }
    }
  }

  private wake(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.round().then((next) => {
        this.running = undefined;
        if (next !== null) this.wake(next);
      });
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  /** Runs one round; returns the delay until the next, or null when stopped. */
  private async round(): Promise<number | null> {
    let busy = false;
    try {
      busy = (await this.runOnce()) > 0;
    } catch (error) {
      this.options.logger?.error({ error: error instanceof Error ? error.message : String(error) }, 'job executor round failed');
    }
    if (this.stopped) return null;
    const poll = this.options.pollIntervalMs ?? 1_000;
    let delay = poll;
    if (busy || this.again) delay = 0;
    else {
      const next = await this.nextDue().catch(() => null);
      if (next !== null) delay = Math.min(poll, Math.max(0, next - this.options.now()));
    }
    this.again = false;
    return delay;
  }

  private async nextDue(): Promise<number | null> {
    const types = [...CONNECTORS.keys()];
    const row = await this.db.get(
      `SELECT MIN(due_at) AS due FROM wf_job WHERE status = 'active' AND (kind IN ('timer', '${START_TIMER_KIND}') OR type IN (${types.map(() => '?').join(', ')})) AND lock_expires_at IS NULL`,
      types,
    );
    const job = row && row.due !== null && row.due !== undefined ? toNumber(row.due) : null;
    const outbox = await this.outbox.nextDue();
    if (job === null) return outbox;
    if (outbox === null) return job;
    return Math.min(job, outbox);
  }
}

/** 1 s, 2 s, 4 s … by retries already used (default 3 retries), at most 5 minutes. */
function backoffOf(retriesBefore: number): number {
  const used = Math.max(0, 3 - retriesBefore);
  return Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** used);
}
