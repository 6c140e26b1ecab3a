import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type OpenDatabaseOptions } from '../persistence/open-database.js';
import { CalendarYears } from './calendar-years.js';
import { withDatabaseErrors } from './database-errors.js';
import { createIdGenerator } from './ids.js';
import { JobExecutor } from './job-executor.js';
import { SqlWorkflowService } from './sql-workflow-service.js';
import { loadWorkflowEngine, type WorkflowEngine } from './workflow-engine.js';
import type { RetentionAdmin, WorkflowService, WorkflowServiceOptions } from './workflow-service.js';

/** Options tests add: a database file override and an engine stand-in. */
export interface InternalServiceOptions extends WorkflowServiceOptions {
  readonly sqliteFile?: string;
  readonly engine?: WorkflowEngine;
  /** How long this node's executor holds a timer or built-in job it took (default 60 s; short in crash tests). */
  readonly jobLockTimeoutMs?: number;
}

/**
 * Opens the database (running migrations), starts the job executor and returns the service.
 * `DATABASE_URL`-style `databaseUrl` selects PostgreSQL, otherwise SQLite under `dataDir`.
 */
export async function createWorkflowService(options: WorkflowServiceOptions = {}): Promise<WorkflowService & RetentionAdmin> {
  return openWorkflowService(options);
}

/** Same as `createWorkflowService`, typed with the internals tests and the executor use. */
export async function openWorkflowService(options: InternalServiceOptions = {}): Promise<SqlWorkflowService> {
  const engine = options.engine ?? (await loadWorkflowEngine());
  const databaseOptions: OpenDatabaseOptions = {
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.sqliteFile ? { sqliteFile: options.sqliteFile } : {}),
  };
  const opened = await openDatabase(databaseOptions);
  const db = withDatabaseErrors(opened.db);
  const now = options.now ?? Date.now;
  let executor: JobExecutor | undefined;
  const service = new SqlWorkflowService({
    db,
    engine,
    calendar: (await CalendarYears.open(resolve(options.dataDir ?? 'data'), db, now)).calendar,
    now,
    newId: createIdGenerator(now),
    onClose: async () => {
      await executor?.stop();
      await db.close();
    },
  });
  executor = new JobExecutor(service, db, {
    nodeId: options.nodeId ?? `${hostname()}:${process.pid}`,
    now,
    webhookAllowList: options.webhookAllowList ?? [],
    archiveDir: options.archiveDir ?? join(resolve(options.dataDir ?? 'data'), 'archive'),
    ...(options.jobLockTimeoutMs !== undefined ? { lockTimeoutMs: options.jobLockTimeoutMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  if (options.jobExecutor !== false) executor.start();
  service.executor = executor;
  return service;
}
