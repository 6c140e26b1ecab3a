import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A second node on one SQLite file: refused, because SQLite has one writer and no row locks across processes. */
export class SecondSqliteNodeError extends Error {
  readonly code = 'WF_SQLITE_SINGLE_NODE';
  constructor(readonly dataDir: string, readonly otherPid: number) {
    super(
      `数据目录 ${dataDir} 已被另一个节点（进程 ${otherPid}）使用：SQLite 只支持单节点。多节点请设置 DATABASE_URL 使用 PostgreSQL。` +
        ` / The data directory ${dataDir} is already used by another node (pid ${otherPid}): SQLite supports one node only. For several nodes set DATABASE_URL to a PostgreSQL database.`,
    );
    this.name = 'SecondSqliteNodeError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // kill(2) errors carry an errno code
  }
}

/**
 * Claims the SQLite data directory for this process: a lock file holding our pid, created
 * exclusively. A lock left by a process that no longer runs (kill -9, power loss) is taken
 * over. Returns a release function for a clean shutdown.
 */
export function claimSqliteDataDir(dataDir: string, pid: number = process.pid): () => void {
  const file = path.join(dataDir, 'linli.node.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(pid)) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // fs errors carry an errno code
      const other = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(other) && other > 0 && other !== pid && isAlive(other)) throw new SecondSqliteNodeError(dataDir, other);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`cannot claim ${file}`);
}
