import { hostname } from 'node:os';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from '../app.js';
import type { AppConfig } from '../config.js';
import { IdentityService } from '../identity/identity-service.js';
import { installIdentity } from '../identity/install-identity.js';
import { seedIdentity } from '../identity/seed.js';
import { openWorkflowService } from '../services/create-workflow-service.js';
import type { SqlWorkflowService } from '../services/sql-workflow-service.js';
import { startPostgresFanout, type Fanout } from './postgres-fanout.js';
import { claimSqliteDataDir } from './single-node-lock.js';

export interface StartNodeOptions {
  readonly config: AppConfig;
  /** This node's name in job locks and the fan-out; default host:pid. */
  readonly nodeId?: string;
  /**
   * `accounts`: sign-in, sessions and API tokens, seeded on first start (what `npm start` runs).
   * `development`: trusts the `x-user` / `x-community` / `x-groups` headers (resilience tests, benchmarks).
   */
  readonly identity: 'accounts' | 'development';
  readonly logger?: FastifyServerOptions['logger'];
  /** Runs once the database is open, before the HTTP app is built (`npm start` builds the designer here). */
  readonly beforeApp?: () => void;
  /** How long the job executor holds a timer or job it took (default 60 s; crash tests shorten it). */
  readonly jobLockTimeoutMs?: number;
}

/** A node that is built but not yet listening. */
export interface StartedNode {
  readonly app: FastifyInstance;
  readonly service: SqlWorkflowService;
  /** Stops serving, the fan-out, the job executor and the database, and gives back the SQLite data directory. */
  close(): Promise<void>;
}

/** The database could not be opened; the message names the setting to check. */
export class DatabaseOpenError extends Error {
  constructor(config: AppConfig, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const setting = config.databaseKind === 'postgresql' ? 'DATABASE_URL' : 'DATA_DIR';
    super(`无法打开数据库 / cannot open the database (${describeDatabase(config)}): ${reason}\n请检查 ${setting} / check ${setting}.`);
    this.name = 'DatabaseOpenError';
  }
}

/**
 * One runtime node, the same for `npm start`, every node of `npm run cluster` and the
 * resilience tests: on SQLite it first claims the data directory (a second node there is
 * refused with `SecondSqliteNodeError`); it opens the workflow service (migrations, job
 * executor); on PostgreSQL it joins the LISTEN/NOTIFY fan-out so events committed on other
 * nodes reach this node's websocket clients and job executor; then identity and the HTTP app.
 */
export async function startNode(options: StartNodeOptions): Promise<StartedNode> {
  const { config } = options;
  const nodeId = options.nodeId ?? `${hostname()}:${process.pid}`;
  const release = config.databaseUrl === undefined ? claimSqliteDataDir(config.dataDir) : () => undefined;
  let service: SqlWorkflowService;
  try {
    service = await openWorkflowService({
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      dataDir: config.dataDir,
      webhookAllowList: config.webhookAllowList,
      nodeId,
      ...(options.jobLockTimeoutMs !== undefined ? { jobLockTimeoutMs: options.jobLockTimeoutMs } : {}),
    });
  } catch (error) {
    release();
    throw new DatabaseOpenError(config, error);
  }
  let app: FastifyInstance | undefined;
  let fanout: Fanout | null = null;
  try {
    if (config.databaseUrl !== undefined) {
      const opened = service;
      fanout = await startPostgresFanout({
        databaseUrl: config.databaseUrl,
        nodeId,
        onCommitted: (listener) => opened.onCommitted(listener),
        deliver: (events) => opened.deliverCommitted(events),
        logger: { warn: (obj, msg) => app?.log.warn(obj, msg) },
      });
    }
    options.beforeApp?.();
    let identity: ((app: FastifyInstance) => Promise<void>) | undefined;
    if (options.identity === 'accounts') {
      const accounts = new IdentityService({ db: service.db });
      // First start only: creates the sub-district admin and the demo community's users and prints their one-time passwords once.
      await seedIdentity(accounts);
      identity = installIdentity(accounts);
    }
    app = await buildApp({ config, service, ...(identity ? { identity } : {}), ...(options.logger !== undefined ? { logger: options.logger } : {}) });
  } catch (error) {
    await fanout?.stop();
    await service.close();
    release();
    throw error;
  }
  const built = app;
  const running = service;
  return {
    app: built,
    service: running,
    async close() {
      try {
        await built.close();
        await fanout?.stop();
        await running.close();
      } finally {
        release();
      }
    },
  };
}

/** Where the data lives, without the password. */
export function describeDatabase(config: AppConfig): string {
  if (config.databaseUrl === undefined) return `SQLite ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  url.password = url.password === '' ? '' : '***';
  return url.toString();
}
