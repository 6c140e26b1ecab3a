import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from '../../runtime/backup/sqlite-backup.js';
import { advanceCase, clerkHeaders, driveLoad, newAcknowledged, pause } from './harness/case-driver.js';
import { checkInvariants } from './harness/check-invariants.js';
import { openSqlite } from './harness/open-sqlite.js';
import { spawnNode, type RuntimeNode } from './harness/spawn-node.js';

const fixture = readFileSync(new URL('./fixtures/resilience-case.bpmn', import.meta.url), 'utf8');

describe('online backup of the SQLite node', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-backup-'));
  const restoreDir = mkdtempSync(path.join(tmpdir(), 'linli-restore-'));
  const backupFile = path.join(dataDir, 'backups', 'under-load.db');
  const running: RuntimeNode[] = [];

  afterAll(async () => {
    await Promise.all(running.map((node) => node.crash()));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(restoreDir, { recursive: true, force: true });
  });

  it('should take a consistent backup under load that restores into a working node', async () => {
    // given a node under load
    const node = await spawnNode({ DATA_DIR: dataDir });
    running.push(node);
    const deployed = await fetch(`${node.url}/api/definitions`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ kind: 'bpmn', content: fixture }) });
    expect(deployed.status).toBe(201);
    const ack = newAcknowledged();
    let index = 0;
    let stop = false;
    const load = driveLoad({ baseUrls: () => [node.url], clients: 4, inFlight: 4, stop: () => stop, ack, nextIndex: () => index++ });
    await pause(1500);
    const startedBefore = new Set(ack.started);

    // when a backup is taken while the clients keep writing
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(backupFile), { recursive: true });
    await backupSqlite(path.join(dataDir, 'linli.db'), backupFile);
    await pause(500);
    stop = true;
    await load;
    await node.stop();

    // then the backup agrees with itself and holds every case acknowledged before it began
    const copy = openSqlite(backupFile);
    const report = await checkInvariants(copy.query);
    const ids = new Set((await copy.query('select id from wf_process_instance')).map((r) => String(r['id'])));
    copy.close();
    expect(report.problems).toEqual([]);
    expect([...startedBefore].filter((id) => !ids.has(id))).toEqual([]);
    expect(startedBefore.size).toBeGreaterThan(0);

    // when it is restored into an empty data directory and a node starts on it
    restoreSqlite(backupFile, restoreDir);
    const restored = await spawnNode({ DATA_DIR: restoreDir });
    running.push(restored);
    const [someCase] = [...startedBefore];
    const details = await fetch(`${restored.url}/api/instances/${someCase ?? ''}`, { headers: clerkHeaders });

    // then the cases are there and can move on
    expect(details.status).toBe(200);
    const moved = await advanceCase(restored.url, someCase ?? '', ack);
    expect(moved).toBeGreaterThan(0);
    await restored.stop();
  }, 180_000);
});
