import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, pgClient } from '../../bench/runtime/postgres-database.js';
import { advanceCase, clerkHeaders, driveLoad, newAcknowledged, pause, startCase } from './harness/case-driver.js';
import { checkInvariants } from './harness/check-invariants.js';
import { spawnNode, type RuntimeNode } from './harness/spawn-node.js';

const adminUrl = process.env.RESILIENCE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Seconds of load through all nodes; `RESILIENCE_LOAD_SECONDS=60` for a longer run. */
const loadSeconds = Number(process.env.RESILIENCE_LOAD_SECONDS ?? 6);
const fixture = readFileSync(new URL('./fixtures/resilience-case.bpmn', import.meta.url), 'utf8');
const workerFixture = readFileSync(new URL('./fixtures/worker-case.bpmn', import.meta.url), 'utf8');
/** Cases whose service-task job the external workers share. */
const workerCases = Number(process.env.RESILIENCE_WORKER_CASES ?? 300);

async function postgresReachable(): Promise<boolean> {
  try {
    const client = await pgClient(adminUrl);
    await client.end();
    return true;
  } catch {
    return false;
  }
}
const reachable = await postgresReachable();
if (!reachable) process.stderr.write(`multi-node PostgreSQL tests skipped: no PostgreSQL at ${adminUrl} (set RESILIENCE_DATABASE_URL)\n`);

describe.skipIf(!reachable)('three nodes on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  const nodes: (RuntimeNode | null)[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase(adminUrl);
    // the first node runs the migrations; the others start once the schema is there
    nodes.push(await spawnNode({ DATABASE_URL: database.url, NODE_ID: 'node-a' }));
    nodes.push(...(await Promise.all(['node-b', 'node-c'].map((id) => spawnNode({ DATABASE_URL: database.url, NODE_ID: id })))));
    const deployed = await fetch(`${nodes[0]?.url ?? ''}/api/definitions`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ kind: 'bpmn', content: fixture }) });
    expect(deployed.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node?.crash()));
    await database?.drop();
  });

  it('should show a websocket client on node A a task created by a command on node C', async () => {
    // given a clerk connected to node A
    const [a, , c] = nodes;
    if (!a || !c) throw new Error('nodes did not start');
    const socket = new WebSocket(`ws://127.0.0.1:${a.port}/api/ws?user=li&community=demo&groups=rc`);
    const messages: { type: string; taskId?: string; instanceId?: string }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });

    // when a case is started on node C
    const ack = newAcknowledged();
    const instanceId = await startCase(c.url, 0, ack);
    const deadline = Date.now() + 10_000;
    while (!messages.some((m) => m.type === 'task.created' && m.instanceId === instanceId) && Date.now() < deadline) await pause(50);
    socket.close();

    // then node A pushed the new task
    expect(instanceId).not.toBeNull();
    expect(messages.filter((m) => m.type === 'task.created' && m.instanceId === instanceId)).toHaveLength(1);
  });

  it('should hand each service-task job to one worker only, with workers long-polling every node at once', async () => {
    // given service-task jobs created through all nodes, and two workers polling each node
    const live = nodes.filter((node): node is RuntimeNode => node !== null);
    const deployed = await fetch(`${live[0]?.url ?? ''}/api/definitions`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ kind: 'bpmn', content: workerFixture }) });
    expect(deployed.status).toBe(201);
    const activations = new Map<string, string[]>();
    let finished = 0;
    const workers = live.flatMap((node, n) =>
      [0, 1].map(async (w) => {
        const worker = `worker-${n}-${w}`;
        while (finished < workerCases) {
          const response = await fetch(`${node.url}/api/jobs/activate`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ type: 'resilience-check', worker, maxJobs: 5, lockTimeoutMs: 120_000, requestTimeoutMs: 500 }) });
          const { jobs } = (await response.json()) as { jobs: { key: string }[] };
          for (const job of jobs) {
            activations.set(job.key, [...(activations.get(job.key) ?? []), worker]);
            const done = await fetch(`${node.url}/api/jobs/${job.key}/complete`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ worker, variables: { checkedBy: worker } }) });
            await done.arrayBuffer();
            if (done.status === 204) finished++;
          }
        }
      }),
    );

    // when the cases are started round-robin through the nodes
    const started: string[] = [];
    for (let i = 0; i < workerCases; i++) {
      const response = await fetch(`${live[i % live.length]?.url ?? ''}/api/instances`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ processKey: 'worker_case', variables: { index: i } }) });
      if (response.status === 201) started.push(((await response.json()) as { id: string }).id);
    }
    const deadline = setTimeout(() => (finished = workerCases), 90_000);
    await Promise.all(workers);
    clearTimeout(deadline);

    // then every job went to exactly one worker, and every case ended
    const client = await pgClient(database.url);
    try {
      const ended = await client.query("select count(*) as n from wf_process_instance where process_key = 'worker_case' and status = 'completed'");
      expect(started).toHaveLength(workerCases);
      expect([...activations].filter(([, takers]) => takers.length > 1)).toEqual([]);
      expect(activations.size).toBe(workerCases);
      expect(Number(ended.rows[0]?.['n'])).toBe(workerCases);
    } finally {
      await client.end();
    }
  }, 180_000);

  it('should run cases with timers and joins through all nodes, survive a kill -9 of one, and keep the database consistent', async () => {
    // given load through all three nodes
    const ack = newAcknowledged();
    let index = 1;
    let stop = false;
    const urls = (): string[] => nodes.filter((node): node is RuntimeNode => node !== null).map((node) => node.url);
    const load = driveLoad({ baseUrls: urls, clients: 6, inFlight: 4, stop: () => stop, ack, nextIndex: () => index++ });

    // when node B is killed half-way and restarted
    await pause((loadSeconds * 1000) / 2);
    await nodes[1]?.crash();
    nodes[1] = null;
    await pause((loadSeconds * 1000) / 2);
    stop = true;
    await load;
    nodes[1] = await spawnNode({ DATABASE_URL: database.url, NODE_ID: 'node-b2' });

    // and every open case is driven to its end through the surviving and restarted nodes (at most 90 s: a timer
    // locked by node B when it died is picked up when its lock expires)
    const client = await pgClient(database.url);
    const deadline = Date.now() + 90_000;
    let open: string[] = [];
    let turn = 0;
    try {
      do {
        const result = await client.query("select id from wf_process_instance where status = 'active'");
        open = result.rows.map((r) => String(r['id']));
        for (const id of open) await advanceCase(urls()[turn++ % urls().length] ?? '', id, ack);
        if (open.length > 0) await pause(500);
      } while (open.length > 0 && Date.now() < deadline);

      // then every acknowledged command is there, every case ended, timers fired once, no job left
      const report = await checkInvariants(async (sql) => (await client.query(sql)).rows);
      const instances = new Set((await client.query('select id from wf_process_instance')).rows.map((r) => String(r['id'])));
      const completed = new Set((await client.query("select id from wf_user_task where status = 'completed'")).rows.map((r) => String(r['id'])));
      const perInstance = (await client.query("select instance_id, count(*) as n from wf_user_task group by instance_id having count(*) <> 3")).rows;
      expect(ack.started.size).toBeGreaterThan(0);
      expect([...ack.started].filter((id) => !instances.has(id))).toEqual([]);
      expect([...ack.completedTasks].filter((id) => !completed.has(id))).toEqual([]);
      expect(open).toEqual([]);
      expect(report.problems).toEqual([]);
      expect(report.jobs).toBe(0);
      // register, handle, feedback: a timer firing twice would have made a second feedback task
      expect(perInstance).toEqual([]);
    } finally {
      await client.end();
    }
  }, 240_000);
  it('should answer 503 (never 500) while the database connections drop, and serve again without a restart', async () => {
    // given clients starting cases on every node
    const live = nodes.filter((node): node is RuntimeNode => node !== null);
    const statuses = new Map<number, number>();
    let stop = false;
    const clients = live.map(async (node, i) => {
      let n = 0;
      while (!stop) {
        try {
          const response = await fetch(`${node.url}/api/instances`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ processKey: 'resilience_case', variables: { index: 100_000 + i * 10_000 + n++ } }), signal: AbortSignal.timeout(15_000) });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        } catch {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
        }
      }
    });

    // when every connection to the database is cut, three times
    const admin = await pgClient(adminUrl);
    const name = new URL(database.url).pathname.slice(1);
    try {
      for (let i = 0; i < 3; i++) {
        await pause(700);
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      }
      await pause(700);
    } finally {
      await admin.end();
    }
    stop = true;
    await Promise.all(clients);

    // then failures were clean 503s, and every node serves again (retrying for at most 20 s)
    const recovered = await Promise.all(
      live.map(async (node) => {
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline) {
          const response = await fetch(`${node.url}/api/instances`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ processKey: 'resilience_case', variables: { index: -1 } }) });
          await response.arrayBuffer();
          if (response.status === 201) return true;
          await pause(250);
        }
        return false;
      }),
    );
    expect(Object.fromEntries([...statuses].filter(([status]) => status !== 201 && status !== 503))).toEqual({});
    expect(recovered).toEqual(live.map(() => true));
  }, 120_000);
});
