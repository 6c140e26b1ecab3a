import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver, type AbstractSqlConnection } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { allEntities } from './entities/all-entities.js';
import { allMigrations } from './migrations/all-migrations.js';
import { PostgresDatabase, type PgPool } from './postgres-database.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { SqliteDatabase, type BetterSqliteHandle } from './sqlite-database.js';
import type { SqlDatabase } from './sql-database.js';

export interface OpenDatabaseOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else is refused. */
  readonly databaseUrl?: string;
  /** Directory of the SQLite file `linli.db` (created if missing). Default `data`. */
  readonly dataDir?: string;
  /** Full SQLite file path override (tests). */
  readonly sqliteFile?: string;
}

export interface OpenedDatabase {
  readonly orm: MikroORM;
  readonly db: SqlDatabase;
}

/**
 * Page size of a new SQLite file. A command rewrites a few rows in about eight B-trees, and the
 * WAL receives every touched page whole: with 1 KiB pages a commit writes and checksums a quarter
 * of the bytes it writes with SQLite's default 4 KiB. Measured with `npm run bench:runtime`'s
 * workload (2,000 cases): 0.42 ms of server CPU per request instead of 0.52 ms; 512-byte pages
 * were no better than 1 KiB.
 */
const SQLITE_PAGE_SIZE = 1024;
/** WAL pages after which the request connection checkpoints by itself (the checkpointer thread normally does it long before). */
const SAFETY_NET_CHECKPOINT_PAGES = 20_000;

/** Where the SQLite file of a data directory lives. */
export function sqliteFileOf(dataDir: string): string {
  return join(resolve(dataDir), 'linli.db');
}

function sqliteFileFor(options: OpenDatabaseOptions): string {
  return options.sqliteFile ?? sqliteFileOf(options.dataDir ?? 'data');
}

/** MikroORM options for either database; the schema comes only from the migrations. */
export function ormOptions(options: OpenDatabaseOptions): Options {
  const common = {
    entities: allEntities,
    extensions: [Migrator],
    migrations: { migrationsList: allMigrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    allowGlobalContext: false,
    debug: false,
  } satisfies Options;
  const url = options.databaseUrl;
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL 必须以 postgres:// 开头 / DATABASE_URL must start with postgres:// (got "${url.replace(/\/\/[^@]*@/, '//***@')}")`);
    }
    return { ...common, driver: PostgreSqlDriver, clientUrl: url, pool: { min: 1, max: 10 } };
  }
  const file = sqliteFileFor(options);
  mkdirSync(resolve(file, '..'), { recursive: true });
  // SQLite's planner statistics tables (`PRAGMA optimize`) are not ours; MikroORM 6's schema
  // reader would otherwise try to map their untyped columns and fail.
  return { ...common, driver: BetterSqliteDriver, dbName: file, schemaGenerator: { skipTables: ['sqlite_stat1', 'sqlite_stat4'] } };
}

/**
 * Opens the database, runs pending migrations (on PostgreSQL under an advisory lock, so nodes
 * starting together migrate once) and returns the ORM plus the lean SQL path.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const orm = await MikroORM.init(ormOptions(options));
  try {
    // Both drivers are knex-based SQL drivers.
    const knex = (orm.em.getConnection() as AbstractSqlConnection).getKnex();
    const isPostgres = orm.config.get('driver') === PostgreSqlDriver;
    if (isPostgres) {
      await knex.raw('select pg_advisory_lock(7411001)');
      try {
        await orm.getMigrator().up();
      } finally {
        await knex.raw('select pg_advisory_unlock(7411001)');
      }
      // knex's client hands out pooled node-postgres connections.
      const pool = knex.client as PgPool;
      return { orm, db: new PostgresDatabase(pool, () => orm.close(true)) };
    }
    // The SQLite pool has exactly one connection (min 1, max 1), kept for the ORM's lifetime.
    const connection: unknown = await knex.client.acquireConnection();
    await knex.client.releaseConnection(connection);
    // knex's better-sqlite3 dialect hands out better-sqlite3 Database objects.
    const handle = connection as BetterSqliteHandle;
    // Only a new, empty file takes it (before WAL mode); an existing file keeps its page size.
    handle.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    handle.pragma('busy_timeout = 5000');
    handle.pragma('analysis_limit = 1000'); // statistics from a sample: `optimize` stays cheap on large tables
    // The checkpointer thread keeps the WAL short; this connection checkpoints only if it lags far behind.
    handle.pragma(`wal_autocheckpoint = ${SAFETY_NET_CHECKPOINT_PAGES}`);
    await orm.getMigrator().up();
    handle.pragma('optimize = 0x10002'); // SQLite's advice for a long-lived connection: every table, at open
    const file = sqliteFileFor(options);
    const checkpointer = SqliteCheckpointer.start(file, (message) => process.emitWarning(`SQLite WAL checkpoint (${file}): ${message}`));
    const close = async (): Promise<void> => {
      await checkpointer.stop();
      await orm.close(true);
    };
    return { orm, db: new SqliteDatabase(handle, close) };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
