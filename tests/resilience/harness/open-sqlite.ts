import { createRequire } from 'node:module';
import type { Query } from './check-invariants.js';

/** The part of better-sqlite3 the checks use (the package ships no types). */
interface SqliteHandle {
  prepare(sql: string): { all(...params: unknown[]): Record<string, unknown>[]; run(...params: unknown[]): unknown };
  close(): void;
}
type SqliteConstructor = new (file: string) => SqliteHandle;

const require = createRequire(import.meta.url);

/** Opens the node's SQLite file directly (after a crash this also replays the WAL, as a restart would). */
export function openSqlite(file: string): { query: Query; run(sql: string, ...params: unknown[]): void; close(): void } {
  const Database = require('better-sqlite3') as SqliteConstructor; // CommonJS module without types
  const handle = new Database(file);
  return {
    query: async (sql) => handle.prepare(sql).all(),
    run: (sql, ...params) => {
      handle.prepare(sql).run(...params);
    },
    close: () => handle.close(),
  };
}
