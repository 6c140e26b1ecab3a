import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, pgClient } from '../../bench/runtime/postgres-database.js';
import { advanceCase, clerkHeaders, driveLoad, newAcknowledged, pause, startCase, type Acknowledged } from './harness/case-driver.js';
import { checkCases, type CaseReport, type CaseSpec } from './harness/case-checks.js';
import { checkInvariants, type Query } from './harness/check-invariants.js';
import { exclusivityProblems, runJobWorkers, type Execution, type NodeSlot } from './harness/job-workers.js';
import { completeVisits, SCALE_PROCESS, startScaleCases } from './harness/scale-driver.js';
import { seedFromEnv } from './harness/seeded-random.js';
import { spawnNode, type RuntimeNode } from './harness/spawn-node.js';

const adminUrl = process.env.RESILIENCE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A positive whole number from the environment, or the default; anything else stops the run naming the variable. */
function sizeFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got ${value}`);
  return n;
}
/** Cases of the scale run (timer ∥ service job, parallel join); `RESILIENCE_SCALE_CASES=20000` for a longer run. */
const scaleCases = sizeFromEnv('RESILIENCE_SCALE_CASES', 2000);
/** kill -9 rounds on PostgreSQL (each kills another node than the last and restarts it); `RESILIENCE_KILLS=12` for a longer run. */
const kills = sizeFromEnv('RESILIENCE_KILLS', 3);
/** Bound on starting and finishing the scale cases (no assertion on time: only how long to wait before failing). */
const scaleBudgetMs = Math.max(240_000, scaleCases * 100);
/** Moments and victims of the kills; logged, `RESILIENCE_SEED=<seed>` replays a run. */
const random = seedFromEnv(process.env.RESILIENCE_SEED);
/** How long a node's executor holds a timer it took, and a worker a job: short, so a dead node's locks expire soon. */
const lockMs = 3_000;
const fixtures = ['resilience-case.bpmn', 'scale-case.bpmn'].map((name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const resilienceSpec: CaseSpec = { processKey: 'resilience_case', timerElementId: 'Wait', tasksPerElement: { Register: 1, Handle: 1, Feedback: 1 } };
const scaleSpec: CaseSpec = {
  processKey: SCALE_PROCESS,
  timerElementId: 'Wait',
  tasksPerElement: { Visit: 1 },
  serviceElementIds: ['Check', 'Notify'],
  notificationsPerCase: 1,
  variables: (v) => (typeof v['checkedBy'] !== 'string' ? 'checkedBy (set by the worker) is missing' : v['visited'] !== true ? 'visited (set by the Visit task) is missing' : null),
};

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

/** A node in its slot, with the name it locks jobs under (a restarted node gets a new one). */
interface SlotNode extends RuntimeNode, NodeSlot {}

describe.skipIf(!reachable)('three nodes on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  const nodes: (SlotNode | null)[] = [null, null, null];
  const incarnations = [0, 0, 0];
  const live = (): SlotNode[] => nodes.filter((node): node is SlotNode => node !== null);
  const urls = (): string[] => live().map((node) => node.url);

  async function startSlot(slot: number): Promise<SlotNode> {
    incarnations[slot] = (incarnations[slot] ?? 0) + 1;
    const id = `node-${'abc'[slot] ?? slot}${incarnations[slot] === 1 ? '' : `-${incarnations[slot]}`}`;
    const node = await spawnNode({ DATABASE_URL: database.url, NODE_ID: id, JOB_LOCK_TIMEOUT_MS: String(lockMs) });
    const slotted: SlotNode = { ...node, id };
    nodes[slot] = slotted;
    return slotted;
  }

  /** Runs `work` with a client on the test database. */
  async function withDatabase<T>(work: (query: Query, client: Awaited<ReturnType<typeof pgClient>>) => Promise<T>): Promise<T> {
    const client = await pgClient(database.url);
    try {
      return await work(async (sql) => (await client.query(sql)).rows, client);
    } finally {
      await client.end();
    }
  }

  /**
   * Polls (every 500 ms, at most `ms`) until no case of `processKeys` is active, completing the open
   * user tasks of `resilience_case` meanwhile when `drive` says so; returns `process:id` of those still open.
   */
  async function drainCases(ms: number, ack: Acknowledged, processKeys: readonly string[], drive: boolean): Promise<string[]> {
    const deadline = Date.now() + ms;
    const keys = processKeys.map((key) => `'${key}'`).join(', ');
    let open: string[] = [];
    let turn = 0;
    do {
      open = await withDatabase(async (query) =>
        (await query(`select id, process_key from wf_process_instance where status = 'active' and process_key in (${keys})`)).map((r) => `${String(r['process_key'])}:${String(r['id'])}`),
      );
      if (drive) {
        for (const entry of open.filter((e) => e.startsWith('resilience_case:'))) await advanceCase(urls()[turn++ % urls().length] ?? '', entry.slice('resilience_case:'.length), ack);
      }
      if (open.length > 0) await pause(500);
    } while (open.length > 0 && Date.now() < deadline);
    return open;
  }

  beforeAll(async () => {
    database = await createPostgresDatabase(adminUrl);
    // the first node runs the migrations; the others start once the schema is there
    await startSlot(0);
    await Promise.all([startSlot(1), startSlot(2)]);
    for (const content of fixtures) {
      const deployed = await fetch(`${urls()[0] ?? ''}/api/definitions`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ kind: 'bpmn', content }) });
      expect(deployed.status).toBe(201);
    }
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

  it(`should drive ${scaleCases} cases (1 s timer ∥ worker job then built-in notification, parallel join) through all three nodes at once: each completed, every timer fired once, every job run once by one worker or node`, async () => {
    // given workers long-polling every node and clerks completing the Visit tasks through every node
    const ack = newAcknowledged();
    const executions: Execution[] = [];
    let stop = false;
    const began = Date.now();
    const workers = runJobWorkers({ slots: () => nodes, perNode: 2, type: 'resilience-scale', lockTimeoutMs: 120_000, stop: () => stop, executions });
    const clerks = completeVisits({ clients: 3, urls, ack, stop: () => stop });

    // when the cases are started round-robin through the nodes, and run until none is active (bounded by the test's budget)
    const started = await startScaleCases({ count: scaleCases, clients: 6, urls, ack, firstIndex: 1_000_000 });
    const open = await drainCases(scaleBudgetMs - 60_000, ack, [SCALE_PROCESS], false);
    stop = true;
    await Promise.all([workers, clerks]);
    console.log(`multi-node scale: ${started.length} cases through 3 nodes in ${Math.round((Date.now() - began) / 1000)} s, ${ack.requests} requests (${ack.failures} failed), ${executions.length} job activations`);

    // then every case ended completed with its timer fired once and its job completed once, by the one worker that took it
    const { cases, invariants } = await withDatabase(async (query) => ({ cases: await checkCases(query, scaleSpec), invariants: await checkInvariants(query) }));
    const instances = await withDatabase(async (query) => new Set((await query(`select id from wf_process_instance where process_key = '${SCALE_PROCESS}'`)).map((r) => String(r['id']))));
    expect(started).toHaveLength(scaleCases);
    expect(open).toEqual([]);
    expect(started.filter((id) => !instances.has(id))).toEqual([]);
    expect(cases.problems).toEqual([]);
    expect(cases.cases).toBeGreaterThanOrEqual(scaleCases);
    expect(exclusivityProblems(executions)).toEqual([]);
    const activations = new Map<string, number>();
    for (const execution of executions) activations.set(execution.jobKey, (activations.get(execution.jobKey) ?? 0) + 1);
    expect([...activations].filter(([, n]) => n !== 1)).toEqual([]);
    expect(activations.size).toBe(cases.cases);
    expect(executions.filter((e) => e.outcome === 'completed' && cases.completedBy.get(e.jobKey)?.actor !== e.worker)).toEqual([]);
    expect(invariants.problems).toEqual([]);
    expect(invariants.jobs).toBe(0);
  }, scaleBudgetMs + 60_000);

  it(`should survive at least ${kills} kill -9s of different nodes at random moments (seed ${random.seed}) under load: acknowledged commands kept, nothing half-applied, dead nodes' locks picked up after expiry`, async () => {
    // given load through all three nodes: user-task cases, scale cases, workers (short locks) and clerks
    const ack = newAcknowledged();
    const executions: Execution[] = [];
    let index = 1;
    let stop = false;
    const load = [
      driveLoad({ baseUrls: urls, clients: 3, inFlight: 4, stop: () => stop, ack, nextIndex: () => index++ }),
      startScaleCases({ count: Number.POSITIVE_INFINITY, clients: 2, urls, ack, firstIndex: 2_000_000, stop: () => stop }),
    ];
    let drained = false;
    const workers = runJobWorkers({ slots: () => nodes, perNode: 2, type: 'resilience-scale', lockTimeoutMs: lockMs, stop: () => drained, executions });
    const clerks = completeVisits({ clients: 2, urls, ack, stop: () => drained });

    // when, repeatedly, a node other than the last victim is killed at a random moment while it holds
    // a timer or a job lock (waiting at most 5 s for that), its left-behind locks are noted, and it is
    // restarted: `kills` rounds, and more (at most 4) until the dead have left both kinds of lock behind.
    // A node holds a timer lock only while it fires the timer, a few milliseconds; so in timer rounds the
    // test first holds the rows of the cases whose timers fall due next (SELECT … FOR UPDATE in its own
    // transaction, released after the kill): a node that took those timers waits on the rows, holding them.
    interface Orphan {
      readonly id: string;
      readonly instanceId: string;
      readonly kind: string;
      readonly owner: string;
      readonly expires: number;
    }
    const orphans: Orphan[] = [];
    let victim = random.between(0, 2);
    const leftBoth = (): boolean => orphans.some((o) => o.kind === 'timer') && orphans.some((o) => o.kind === 'service');
    let rounds = 0;
    for (let k = 0; k < kills || (!leftBoth() && k < kills + 4); k++) {
      rounds++;
      victim = (victim + random.between(1, 2)) % 3;
      await pause(random.between(1_000, 4_000));
      const node = nodes[victim];
      if (!node) throw new Error(`slot ${victim} is empty`);
      const wanted = k < kills ? (k % 2 === 0 ? 'timer' : 'service') : orphans.some((o) => o.kind === 'timer') ? 'service' : 'timer';
      const holding = `select count(*) as n from wf_job where kind = '${wanted}' and (lock_owner = $1 or lock_owner like $2) and lock_expires_at > $3`;
      const rowHolder = await pgClient(database.url);
      let left: Orphan[];
      try {
        await rowHolder.query('begin');
        if (wanted === 'timer') {
          const due = await rowHolder.query("select instance_id from wf_job where kind = 'timer' and (lock_expires_at is null or lock_expires_at <= $1) and due_at <= $2 order by due_at limit 60", [Date.now(), Date.now() + 1_500]);
          await rowHolder.query('select id from wf_process_instance where id = any($1) for update', [due.rows.map((r) => String(r['instance_id']))]);
        }
        await withDatabase(async (_query, client) => {
          const until = Date.now() + 5_000;
          while (Date.now() < until && Number((await client.query(holding, [node.id, `${node.id}:%`, Date.now()])).rows[0]?.['n']) === 0) await pause(20);
        });
        await node.crash();
        nodes[victim] = null;
        await pause(200); // a COMMIT the node sent just before it died lands first
        left = await withDatabase(async (_query, client) =>
          (await client.query('select id, instance_id, kind, lock_owner, lock_expires_at from wf_job where (lock_owner = $1 or lock_owner like $2) and lock_expires_at > $3', [node.id, `${node.id}:%`, Date.now()])).rows.map(
            (r): Orphan => ({ id: String(r['id']), instanceId: String(r['instance_id']), kind: String(r['kind']), owner: String(r['lock_owner']), expires: Number(r['lock_expires_at']) }),
          ),
        );
      } finally {
        await rowHolder.query('rollback').catch(() => undefined);
        await rowHolder.end();
      }
      orphans.push(...left);
      console.log(`kill ${k + 1} (${kills} asked, seed ${random.seed}): ${node.id}, waited for a ${wanted} lock; left ${left.filter((o) => o.kind === 'timer').length} timer and ${left.filter((o) => o.kind === 'service').length} job locks`);
      await startSlot(victim);
    }
    await pause(1_000);
    stop = true;
    await Promise.all(load);
    expect(rounds).toBeGreaterThanOrEqual(kills);

    // and every open case is driven to its end through the nodes (at most 120 s)
    const open = await drainCases(120_000, ack, ['resilience_case', SCALE_PROCESS], true);
    drained = true;
    await Promise.all([workers, clerks]);

    // then every acknowledged command is there, every case ended as its process says, timers fired once, no job left
    const { instances, completed, reports, invariants } = await withDatabase(async (query) => ({
      instances: new Set((await query('select id from wf_process_instance')).map((r) => String(r['id']))),
      completed: new Set((await query("select id from wf_user_task where status = 'completed'")).map((r) => String(r['id']))),
      reports: [await checkCases(query, resilienceSpec), await checkCases(query, scaleSpec)] as const,
      invariants: await checkInvariants(query),
    }));
    const [resilience, scale]: readonly CaseReport[] = reports;
    console.log(
      `crash run (seed ${random.seed}): ${resilience?.cases ?? 0} + ${scale?.cases ?? 0} cases, ${ack.started.size} starts and ${ack.completedTasks.size} task completions acknowledged, ${ack.failures} of ${ack.requests} requests failed, ${executions.filter((e) => e.outcome === 'abandoned').length} job executions abandoned by dying workers`,
    );
    expect(open).toEqual([]);
    expect(ack.started.size).toBeGreaterThan(0);
    expect([...ack.started].filter((id) => !instances.has(id))).toEqual([]);
    expect([...ack.completedTasks].filter((id) => !completed.has(id))).toEqual([]);
    expect(invariants.problems).toEqual([]);
    expect(invariants.jobs).toBe(0);
    expect(resilience?.problems).toEqual([]);
    expect(scale?.problems).toEqual([]);
    expect(exclusivityProblems(executions)).toEqual([]);
    expect(executions.filter((e) => e.outcome === 'completed' && scale?.completedBy.get(e.jobKey)?.actor !== e.worker)).toEqual([]);

    // and what a dead node held was taken over only once its lock had expired
    const timers = orphans.filter((o) => o.kind === 'timer');
    const jobs = orphans.filter((o) => o.kind === 'service');
    expect(timers.length).toBeGreaterThan(0);
    expect(jobs.length).toBeGreaterThan(0);
    const firedAt = new Map([...(resilience?.timerFiredAt ?? []), ...(scale?.timerFiredAt ?? [])]);
    expect(timers.filter((o) => !((firedAt.get(o.instanceId) ?? 0) >= o.expires))).toEqual([]);
    expect(jobs.filter((o) => { const done = scale?.completedBy.get(o.id); return done === undefined || done.actor === o.owner || done.at < o.expires; })).toEqual([]);
  }, 240_000 + (kills + 4) * 30_000);

  it('should answer 503 (never 500) while the database connections drop, and serve again without a restart', async () => {
    // given clients starting cases on every node
    const serving = live();
    const statuses = new Map<number, number>();
    let stop = false;
    const clients = serving.map(async (node, i) => {
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
      serving.map(async (node) => {
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
    expect(recovered).toEqual(serving.map(() => true));
  }, 120_000);
});
