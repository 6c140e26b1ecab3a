import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { advanceCase, clerkHeaders, driveLoad, newAcknowledged, pause } from './harness/case-driver.js';
import { checkInvariants } from './harness/check-invariants.js';
import { openSqlite } from './harness/open-sqlite.js';
import { seedFromEnv } from './harness/seeded-random.js';
import { spawnNode, type RuntimeNode } from './harness/spawn-node.js';

/** Crash rounds; `RESILIENCE_CRASHES=20` for a longer run. */
const crashes = Number(process.env.RESILIENCE_CRASHES ?? 3);
/** The crash moments; logged, `RESILIENCE_SEED=<seed>` replays a run. */
const random = seedFromEnv(process.env.RESILIENCE_SEED);
const fixture = readFileSync(new URL('./fixtures/resilience-case.bpmn', import.meta.url), 'utf8');

describe('kill -9 of the single SQLite node under load', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-crash-'));
  const dbFile = path.join(dataDir, 'linli.db');
  let node: RuntimeNode | null = null;

  afterAll(async () => {
    await node?.crash();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`should keep every acknowledged command through ${crashes} kill -9s at random moments (seed ${random.seed}), apply no case by halves, and fire every due timer after restarts`, async () => {
    // given a node with the case process deployed
    node = await spawnNode({ DATA_DIR: dataDir });
    const deployed = await fetch(`${node.url}/api/definitions`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ kind: 'bpmn', content: fixture }) });
    expect(deployed.status).toBe(201);
    const ack = newAcknowledged();
    let index = 0;

    for (let round = 0; round < crashes; round++) {
      // when clients load the node and it is killed at a random moment
      node ??= await spawnNode({ DATA_DIR: dataDir });
      const current: RuntimeNode = node;
      let stop = false;
      const load = driveLoad({ baseUrls: () => [current.url], clients: 4, inFlight: 4, stop: () => stop, ack, nextIndex: () => index++ });
      const moment = random.between(400, 2_000);
      console.log(`SQLite crash ${round + 1}/${crashes} (seed ${random.seed}) after ${moment} ms of load`);
      await pause(moment);
      await current.crash();
      node = null;
      stop = true;
      await load;

      // then the file, as the crash left it, holds every acknowledged command and agrees with itself
      const db = openSqlite(dbFile);
      try {
        const report = await checkInvariants(db.query);
        expect(report.problems, `after crash ${round + 1}`).toEqual([]);
        const instances = new Set((await db.query('select id from wf_process_instance')).map((r) => String(r['id'])));
        expect([...ack.started].filter((id) => !instances.has(id))).toEqual([]);
        const completed = new Set((await db.query("select id from wf_user_task where status = 'completed'")).map((r) => String(r['id'])));
        expect([...ack.completedTasks].filter((id) => !completed.has(id))).toEqual([]);
      } finally {
        db.close();
      }
    }
    expect(ack.started.size).toBeGreaterThan(0);

    // when a node that died holding the remaining timers' locks is simulated, and a node restarts
    const db = openSqlite(dbFile);
    db.run("update wf_job set lock_owner = 'dead-node', lock_expires_at = ? where kind = 'timer'", Date.now() + 3_000);
    db.close();
    node = await spawnNode({ DATA_DIR: dataDir });
    const survivor: RuntimeNode = node;
    // and every open case is driven to its end (timers fire by themselves; at most 60 s)
    const deadline = Date.now() + 60_000;
    let open: string[] = [];
    do {
      const list = openSqlite(dbFile);
      open = (await list.query("select id from wf_process_instance where status = 'active'")).map((r) => String(r['id']));
      list.close();
      for (const id of open) await advanceCase(survivor.url, id, ack);
      if (open.length > 0) await pause(500);
    } while (open.length > 0 && Date.now() < deadline);
    await survivor.stop();
    node = null;

    if (process.env.H14_DEBUG) console.log({ started: ack.started.size, tasks: ack.completedTasks.size, requests: ack.requests, failures: ack.failures, t: Date.now() - deadline + 60_000 });
    // then every case completed, each timer fired once, and the whole database agrees with itself
    const final = openSqlite(dbFile);
    const report = await checkInvariants(final.query);
    final.close();
    expect(open).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.completed).toBe(report.instances);
    expect(report.jobs).toBe(0);
  }, 240_000);
});
