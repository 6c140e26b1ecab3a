import type { SqlDatabase, SqlRow } from '../persistence/sql-database.js';
import { UnavailableError } from '../services/errors.js';

/**
 * A database that answers every call with `UnavailableError` (503): what the identity service
 * runs on when the real database failed to open, so sign-in and everything behind it answer
 * 503 instead of falling back to something weaker.
 */
export function unavailableDatabase(reason: string): SqlDatabase {
  const fail = async (): Promise<never> => {
    throw new UnavailableError(`数据库不可用 / database unavailable: ${reason}`);
  };
  return {
    dialect: 'sqlite',
    forUpdate: '',
    forUpdateSkipLocked: '',
    all: (): Promise<SqlRow[]> => fail(),
    get: (): Promise<SqlRow | undefined> => fail(),
    run: (): Promise<number> => fail(),
    transaction: <T>(): Promise<T> => fail(),
    refreshPlannerStatistics: async () => undefined,
    close: async () => undefined,
  };
}
