/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** One row as the driver returns it (PostgreSQL gives bigint columns as strings: use `toNumber`). */
export type SqlRow = Record<string, unknown>;

export type SqlDialect = 'sqlite' | 'postgresql';

/** Statements inside one transaction. SQL uses `?` placeholders on both dialects. */
export interface SqlTx {
  readonly dialect: SqlDialect;
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  get(sql: string, params?: readonly SqlValue[]): Promise<SqlRow | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/**
 * The runtime's lean path to the database: prepared statements on the ORM's own connection(s),
 * one transaction per command. MikroORM owns the schema and migrations.
 */
export interface SqlDatabase extends SqlTx {
  /** `FOR UPDATE` on PostgreSQL, empty on SQLite (which serialises writers). */
  readonly forUpdate: string;
  /** `FOR UPDATE SKIP LOCKED` on PostgreSQL, empty on SQLite. */
  readonly forUpdateSkipLocked: string;
  /**
   * Runs `work` in one transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: `BEGIN`), commits
   * when it resolves, rolls back when it throws.
   */
  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  /**
   * Brings the query planner's table statistics up to date where the database does not do it
   * itself (SQLite: `PRAGMA optimize`; PostgreSQL's autovacuum analyses on its own).
   */
  refreshPlannerStatistics(): Promise<void>;
  close(): Promise<void>;
}

/** Reads an integer column that PostgreSQL may return as a string (bigint, count). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  throw new TypeError(`expected a number column, got ${typeof value}`);
}

/** Like `toNumber`, keeping null. */
export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

/** Reads a text column. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected a text column, got ${typeof value}`);
}

export function toTextOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toText(value);
}
