import { SerialQueue } from './serial-queue.js';
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

/**
 * `SqlDatabase` over the better-sqlite3 connection MikroORM opened: cached prepared statements,
 * every transaction queued (one writer), synchronous calls wrapped in resolved promises.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  readonly forUpdate = '';
  readonly forUpdateSkipLocked = '';
  private readonly statements = new Map<string, BetterSqliteStatement>();
  private readonly queue = new SerialQueue();
  private readonly begin: BetterSqliteStatement;
  private readonly commit: BetterSqliteStatement;
  private readonly rollback: BetterSqliteStatement;
  private readonly tx: SqlTx;

  constructor(
    private readonly handle: BetterSqliteHandle,
    private readonly onClose: () => Promise<void>,
  ) {
    this.begin = handle.prepare('BEGIN IMMEDIATE');
    this.commit = handle.prepare('COMMIT');
    this.rollback = handle.prepare('ROLLBACK');
    this.tx = {
      dialect: 'sqlite',
      all: async (sql, params) => this.allNow(sql, params),
      get: async (sql, params) => this.getNow(sql, params),
      run: async (sql, params) => this.runNow(sql, params),
    };
  }

  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.queue.run(async () => this.allNow(sql, params));
  }

  get(sql: string, params?: readonly SqlValue[]): Promise<SqlRow | undefined> {
    return this.queue.run(async () => this.getNow(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.queue.run(async () => this.runNow(sql, params));
  }

  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      this.begin.run();
      try {
        const result = await work(this.tx);
        this.commit.run();
        return result;
      } catch (error) {
        if (this.handle.inTransaction) this.rollback.run();
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.queue.run(() => this.onClose());
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
