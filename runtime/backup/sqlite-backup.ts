import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { claimSqliteDataDir } from '../cluster/single-node-lock.js';

/** The part of better-sqlite3 used here (the package ships no types). */
interface SqliteHandle {
  backup(target: string): Promise<{ totalPages: number; remainingPages: number }>;
  pragma(source: string, options?: { simple: boolean }): unknown;
  close(): void;
}
type SqliteConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteHandle;

const require = createRequire(import.meta.url);
const openSqlite = (file: string, readonly: boolean): SqliteHandle => {
  const Database = require('better-sqlite3') as SqliteConstructor; // CommonJS module without types
  return new Database(file, { readonly, fileMustExist: true });
};

export class BackupError extends Error {
  readonly code = 'WF_BACKUP';
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * Online backup of the SQLite database while the node keeps serving: SQLite's backup API copies
 * a consistent snapshot page by page (WAL readers do not block the writer), then the copy is
 * checked with `PRAGMA integrity_check`. Returns the number of pages copied.
 */
export async function backupSqlite(databaseFile: string, targetFile: string): Promise<{ pages: number }> {
  if (existsSync(targetFile)) throw new BackupError(`备份文件已存在：${targetFile} / the backup file already exists: ${targetFile}`);
  const partial = `${targetFile}.partial`;
  rmSync(partial, { force: true });
  const source = openSqlite(databaseFile, true);
  let pages = 0;
  try {
    pages = (await source.backup(partial)).totalPages;
  } finally {
    source.close();
  }
  const copy = openSqlite(partial, false);
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`备份校验失败 / the backup failed its integrity check: ${String(result)}`);
    copy.pragma('journal_mode = DELETE'); // one self-contained file
  } finally {
    copy.close();
  }
  renameSync(partial, targetFile);
  return { pages };
}

/**
 * Restores a backup into a data directory whose node is stopped (refused while a node holds
 * it): the current database is kept beside it as `linli.db.before-restore`, WAL files removed.
 */
export function restoreSqlite(backupFile: string, dataDir: string): void {
  const release = claimSqliteDataDir(dataDir);
  try {
    const check = openSqlite(backupFile, true);
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new BackupError(`备份文件已损坏 / the backup file is damaged: ${String(result)}`);
    } finally {
      check.close();
    }
    const target = path.join(dataDir, 'linli.db');
    if (existsSync(target)) renameSync(target, `${target}.before-restore`);
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    copyFileSync(backupFile, `${target}.restoring`);
    renameSync(`${target}.restoring`, target);
  } finally {
    release();
  }
}
