import type { SqlDatabase, SqlTx } from '../persistence/sql-database.js';
import { ConflictError, UnavailableError, WorkflowError } from './errors.js';

/** PostgreSQL: deadlock, serialisation failure. Another command won; retrying is safe. */
const CONFLICT_CODES = new Set(['40P01', '40001']);
/** The database is away (restart, network, pool exhausted, disk full): fail with 503, retry later. */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);

/** What a client reads when the database is away: names the database, says to retry. */
export const DATABASE_UNAVAILABLE = '数据库暂时不可用，请稍后重试 / the database is temporarily unavailable; retry later';

/** Maps driver errors a client can act on (retry) to service errors; anything else passes through. */
export function mapDatabaseError(error: unknown): unknown {
  if (error instanceof WorkflowError || typeof error !== 'object' || error === null) return error;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const name = 'name' in error && typeof error.name === 'string' ? error.name : '';
  if (CONFLICT_CODES.has(code)) return new ConflictError(undefined, { cause: code });
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR') || name === 'KnexTimeoutError' || isConnectionMessage(error)) {
    return new UnavailableError(DATABASE_UNAVAILABLE, { cause: code || name });
  }
  return error;
}

function isConnectionMessage(error: object): boolean {
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message);
}

/** The same database, with driver errors mapped by `mapDatabaseError`. */
export function withDatabaseErrors(db: SqlDatabase): SqlDatabase {
  const mapped = <T>(run: () => Promise<T>): Promise<T> =>
    run().catch((error: unknown) => {
      throw mapDatabaseError(error);
    });
  return {
    dialect: db.dialect,
    forUpdate: db.forUpdate,
    forUpdateSkipLocked: db.forUpdateSkipLocked,
    all: (sql, params) => mapped(() => db.all(sql, params)),
    get: (sql, params) => mapped(() => db.get(sql, params)),
    run: (sql, params) => mapped(() => db.run(sql, params)),
    transaction: <T>(work: (tx: SqlTx) => Promise<T>) => mapped(() => db.transaction(work)),
    refreshPlannerStatistics: () => mapped(() => db.refreshPlannerStatistics()),
    close: () => db.close(),
  };
}
