import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimSqliteDataDir, SecondSqliteNodeError } from './single-node-lock.js';

describe('one node per SQLite data directory', () => {
  it('should refuse a second node on the same data directory with a clear message', () => {
    // given a running node (this process) holding the directory
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-lock-'));
    const release = claimSqliteDataDir(dataDir);

    // when another process tries (pid 1 stands for a live other process)
    const other = (): unknown => {
      release();
      writeFileSync(path.join(dataDir, 'linli.node.lock'), '1');
      return claimSqliteDataDir(dataDir);
    };

    // then
    expect(other).toThrow(SecondSqliteNodeError);
    expect(other).toThrow(/DATABASE_URL/);
  });

  it('should take over the lock of a node that died without releasing it', async () => {
    // given a lock left by a process that has exited
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-lock-'));
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.once('exit', resolve));
    writeFileSync(path.join(dataDir, 'linli.node.lock'), String(child.pid));

    // when a node starts
    const release = claimSqliteDataDir(dataDir);

    // then it holds the directory, and gives it back on shutdown
    expect(existsSync(path.join(dataDir, 'linli.node.lock'))).toBe(true);
    release();
    expect(existsSync(path.join(dataDir, 'linli.node.lock'))).toBe(false);
  });
});
