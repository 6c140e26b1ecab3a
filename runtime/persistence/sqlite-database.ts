import type { SqlDatabase, SqlRow, SqlTx, SqlValue } from './sql-database.js';

/** The part of a better-sqlite3 `Database` we use (the package ships no types of its own). */
export interface BetterSqliteHandle {
  prepare(sql: string): BetterSqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string): unknown;
  readonly inTransaction: boolean;
}

interface BetterSqliteStatement {
  readonly reader: boolean;
  all(...params: SqlValue[]): unknown[];
  get(...params: SqlValue[]): unknown;
  run(...params: SqlValue[]): { changes: number };
}

/** Most commands committed together in one SQLite transaction (bounds the added latency). */
const MAX_GROUP = 64;

type QueueItem =
  | { readonly kind: 'tx'; readonly work: (tx: SqlTx) => Promise<unknown>; readonly resolve: (value: unknown) => void; readonly reject: (error: unknown) => void }
  | { readonly kind: 'op'; readonly run: () => unknown; readonly resolve: (value: unknown) => void; readonly reject: (error: unknown) => void };

interface Settled {
  readonly item: Extract<QueueItem, { kind: 'tx' }>;
  ok: boolean;
  value: unknown;
}

/**
 * `SqlDatabase` over the better-sqlite3 connection MikroORM opened: cached prepared statements
 * and one queue for the single connection (one writer).
 *
 * Group commit: transactions that queue up while one runs are committed together — one
 * `BEGIN IMMEDIATE … COMMIT` around several, each in its own `SAVEPOINT`, so a failing one
 * rolls back alone and the rest commit. No caller hears "done" before the shared COMMIT, so
 * every acknowledged command is durable; the WAL is written once per group instead of once per
 * command, which is what bounds single-row transactions on SQLite.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  readonly forUpdate = '';
  readonly forUpdateSkipLocked = '';
  private readonly statements = new Map<string, BetterSqliteStatement>();
  private readonly items: QueueItem[] = [];
  private draining = false;
  private readonly begin: BetterSqliteStatement;
  private readonly commit: BetterSqliteStatement;
  private readonly rollback: BetterSqliteStatement;
  private readonly savepoint: BetterSqliteStatement;
  private readonly release: BetterSqliteStatement;
  private readonly rollbackToSavepoint: BetterSqliteStatement;
  private readonly tx: SqlTx;

  constructor(
    private readonly handle: BetterSqliteHandle,
    private readonly onClose: () => Promise<void>,
  ) {
    this.begin = handle.prepare('BEGIN IMMEDIATE');
    this.commit = handle.prepare('COMMIT');
    this.rollback = handle.prepare('ROLLBACK');
    this.savepoint = handle.prepare('SAVEPOINT linli_command');
    this.release = handle.prepare('RELEASE linli_command');
    this.rollbackToSavepoint = handle.prepare('ROLLBACK TO linli_command');
    this.tx = {
      dialect: 'sqlite',
      all: async (sql, params) => this.allNow(sql, params),
      get: async (sql, params) => this.getNow(sql, params),
      run: async (sql, params) => this.runNow(sql, params),
    };
  }

  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.op(() => this.allNow(sql, params));
  }

  get(sql: string, params?: readonly SqlValue[]): Promise<SqlRow | undefined> {
    return this.op(() => this.getNow(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.op(() => this.runNow(sql, params));
  }

  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The queue hands back exactly what `work` resolved to.
      this.enqueue({ kind: 'tx', work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /**
   * `PRAGMA optimize`: analyses the tables whose size changed a lot since their last analysis
   * (bounded by the `analysis_limit` set at open). Without statistics SQLite picks an index by the
   * number of equality terms alone, e.g. (community, status) over (instance) for one case's open
   * tasks: a scan of every open task of the community.
   */
  refreshPlannerStatistics(): Promise<void> {
    return this.op(() => void this.handle.pragma('optimize'));
  }

  close(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.enqueue({ kind: 'op', run: () => this.onClose(), resolve: () => resolve(), reject });
    });
  }

  private op<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The queue hands back exactly what `run` returned.
      this.enqueue({ kind: 'op', run, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /**
   * Starts draining on the next turn of the event loop rather than at once, so that every
   * request already read from the sockets in this turn has queued its transaction: they then
   * share one COMMIT. Draining at once made nearly every group a group of one.
   */
  private enqueue(item: QueueItem): void {
    this.items.push(item);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let head = this.items[0]; head; head = this.items[0]) {
        if (head.kind === 'op') {
          this.items.shift();
          try {
            head.resolve(await head.run());
          } catch (error) {
            head.reject(error);
          }
          continue;
        }
        await this.runGroup();
      }
    } finally {
      this.draining = false;
    }
  }

  /** Runs the queued transactions (also those queued meanwhile, up to MAX_GROUP) and commits them together. */
  private async runGroup(): Promise<void> {
    const settled: Settled[] = [];
    try {
      this.begin.run();
    } catch (error) {
      const item = this.items.shift();
      item?.reject(error);
      return;
    }
    let aborted: unknown;
    while (settled.length < MAX_GROUP && aborted === undefined) {
      const item = this.items[0];
      if (!item || item.kind !== 'tx') break;
      this.items.shift();
      // The first command of a group needs no savepoint: if it fails, the whole (one-command) transaction rolls back.
      const first = settled.length === 0;
      if (!first) this.savepoint.run();
      try {
        const value = await item.work(this.tx);
        if (!first) this.release.run();
        settled.push({ item, ok: true, value });
      } catch (error) {
        if (first) {
          if (this.handle.inTransaction) this.rollback.run();
          item.reject(error);
          return;
        }
        settled.push({ item, ok: false, value: error });
        if (this.handle.inTransaction) {
          this.rollbackToSavepoint.run();
          this.release.run();
        } else {
          // SQLite rolled the whole transaction back (e.g. disk full): the group is lost.
          aborted = error;
        }
      }
    }
    if (aborted === undefined) {
      try {
        this.commit.run();
      } catch (error) {
        aborted = error;
        if (this.handle.inTransaction) this.rollback.run();
      }
    }
    for (const entry of settled) {
      if (aborted !== undefined && entry.ok) entry.item.reject(aborted);
      else if (entry.ok) entry.item.resolve(entry.value);
      else entry.item.reject(entry.value);
    }
  }

  private statement(sql: string): BetterSqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.handle.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private allNow(sql: string, params: readonly SqlValue[] = []): SqlRow[] {
    // better-sqlite3 returns plain objects for rows.
    return this.statement(sql).all(...params) as SqlRow[];
  }

  private getNow(sql: string, params: readonly SqlValue[] = []): SqlRow | undefined {
    // better-sqlite3 returns a plain object or undefined.
    return this.statement(sql).get(...params) as SqlRow | undefined;
  }

  private runNow(sql: string, params: readonly SqlValue[] = []): number {
    const statement = this.statement(sql);
    if (statement.reader) {
      statement.all(...params);
      return 0;
    }
    return statement.run(...params).changes;
  }
}
