import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnNode, type RuntimeNode } from '../../tests/resilience/harness/spawn-node.js';
import { peerOverheadCpuMs, preparePeer, runPeer } from '../engine/peer-engine.js';
import { repoRoot } from '../engine/workloads.js';
import { runClients } from './complaint-clients.js';
import { cpuSecondsOf, LatencyLog, rssOf } from './http-client.js';
import { createPostgresDatabase } from './postgres-database.js';

/**
 * `npm run bench:runtime`: complaint cases through the HTTP API on loopback, several clients in
 * parallel, every command committed before it is answered; bpmn-engine's in-memory rate on the
 * same machine in the same run as the reference; RSS with few and with many open cases; and,
 * with `--nodes`, the same workload on 1..N nodes sharing one PostgreSQL database.
 */
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: process.env.BENCH_CASES ?? '3000' },
    // Enough clients to keep the node busy: with 8, each waiting for its durable commit, the node idles between groups.
    clients: { type: 'string', default: process.env.BENCH_CLIENTS ?? '32' },
    'peer-n': { type: 'string', default: '300' },
    open: { type: 'string', default: process.env.BENCH_OPEN ?? '1000,10000' },
    nodes: { type: 'string', default: process.env.BENCH_NODES ?? '' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    shared: { type: 'string', default: '/work/shared' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const clients = Number(values.clients);
const openSteps = values.open.split(',').filter((s) => s !== '').map(Number);
const headers = { 'x-user': 'bench', 'x-community': 'demo', 'x-groups': 'rc', 'content-type': 'application/json' };
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const complaintXml = readFileSync(path.join(repoRoot, 'bench/runtime/processes/complaint.bpmn'), 'utf8');

interface Row {
  readonly setup: string;
  readonly cases: number;
  readonly casesPerSec: number;
  readonly requestsPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly rssMB: number;
  /** CPU of the node process(es) and of this client process per request, ms: steadier than rates on a shared machine. */
  readonly serverCpuMs: number;
  readonly clientCpuMs: number;
}

async function deploy(node: RuntimeNode): Promise<void> {
  const response = await fetch(`${node.url}/api/definitions`, { method: 'POST', headers, body: JSON.stringify({ kind: 'bpmn', content: complaintXml }) });
  if (response.status !== 201 && response.status !== 200) throw new Error(`deploy answered ${response.status}: ${await response.text()}`);
}

async function measure(setup: string, nodes: readonly RuntimeNode[]): Promise<Row> {
  const urls = nodes.map((node) => node.url);
  await runClients(urls, Math.min(100, n), clients, headers, new LatencyLog()); // warm-up: JIT, caches, connections
  const latency = new LatencyLog();
  const serverCpu = async () => (await Promise.all(nodes.map((node) => cpuSecondsOf(node.pid)))).reduce((a, b) => a + b, 0);
  const serverBefore = await serverCpu();
  const clientBefore = process.cpuUsage();
  const { seconds } = await runClients(urls, n, clients, headers, latency);
  const client = process.cpuUsage(clientBefore);
  const serverSeconds = (await serverCpu()) - serverBefore;
  const rss = await Promise.all(nodes.map((node) => rssOf(node.pid)));
  const row: Row = {
    setup,
    cases: n,
    casesPerSec: n / seconds,
    requestsPerSec: latency.requests / seconds,
    p50: latency.percentile(50),
    p99: latency.percentile(99),
    rssMB: Math.max(...rss),
    serverCpuMs: (serverSeconds * 1000) / latency.requests,
    clientCpuMs: (client.user + client.system) / 1000 / latency.requests,
  };
  log(`${setup}: ${row.casesPerSec.toFixed(1)} cases/s, ${row.requestsPerSec.toFixed(0)} requests/s, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, RSS ${row.rssMB.toFixed(0)} MB, CPU per request: node ${row.serverCpuMs.toFixed(3)} ms, client ${row.clientCpuMs.toFixed(3)} ms`);
  return row;
}

/**
 * RSS once the node has run a full garbage collection (gc-on-signal.mjs). Read at an arbitrary
 * moment, RSS swings by ±40% with V8's collection cycle under load (measured: 197, 293, 275, 359,
 * 279 MB at 1k, 20k, 40k, 60k, 80k open cases), which says nothing about what an open case costs.
 */
async function rssAfterGc(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 500));
  return rssOf(pid);
}

/** Opens cases (start only) until `target` are open; returns RSS after each step. */
async function openCases(node: RuntimeNode, steps: readonly number[]): Promise<{ open: number; rssMB: number }[]> {
  const result: { open: number; rssMB: number }[] = [];
  const opener = new LatencyLog();
  let opened = 0;
  for (const target of steps) {
    let next = opened;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < target) {
          next++;
          const response = await opener.call(`${node.url}/api/instances`, 'POST', headers, { processKey: 'complaint', variables: {} });
          if (response.status !== 201) throw new Error(`start answered ${response.status}`);
        }
      }),
    );
    opened = target;
    const rawMB = await rssOf(node.pid);
    const rssMB = await rssAfterGc(node.pid);
    result.push({ open: target, rssMB });
    log(`${target} open cases: RSS ${rssMB.toFixed(0)} MB after a full GC (${rawMB.toFixed(0)} MB before it)`);
  }
  return result;
}

async function peerReference(): Promise<{ casesPerSec: number; variant: string } | null> {
  if (values['no-peer']) return null;
  const peerDir = path.join(repoRoot, '.bench', 'peer');
  const sharedBench = path.join(values.shared, 'bench');
  preparePeer(sharedBench, peerDir, log);
  let best: { casesPerSec: number; variant: string } | null = null;
  for (const file of ['complaint.bpmn', 'complaint-expr.bpmn']) {
    const processFile = path.join(sharedBench, 'processes', file);
    const result = await runPeer(peerDir, processFile, Number(values['peer-n']), await peerOverheadCpuMs(peerDir, processFile));
    log(`bpmn-engine in memory (${file}): ${result.instancesPerSec.toFixed(1)} cases/s`);
    if (best === null || result.instancesPerSec > best.casesPerSec) best = { casesPerSec: result.instancesPerSec, variant: file };
  }
  return best;
}

const rows: Row[] = [];
log(`node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${n} cases, ${clients} clients`);
const peer = await peerReference();

// the single SQLite node (WAL; group commit; every answer after COMMIT)
const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
let flat: { open: number; rssMB: number }[] = [];
try {
  const node = await spawnNode({ DATA_DIR: dataDir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --import ${pathToFileURL(path.join(repoRoot, 'bench/runtime/gc-on-signal.mjs')).href}` });
  try {
    await deploy(node);
    rows.push(await measure('SQLite, 1 node', [node]));
    if (openSteps.length > 0) flat = await openCases(node, openSteps);
  } finally {
    await node.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

// 1..N nodes on one PostgreSQL database
const nodeCounts = values.nodes.split(',').filter((s) => s !== '').map(Number);
for (const count of nodeCounts) {
  const database = await createPostgresDatabase(values['database-url']);
  const nodes: RuntimeNode[] = [];
  try {
    for (let i = 0; i < count; i++) nodes.push(await spawnNode({ DATABASE_URL: database.url, NODE_ID: `bench-${i + 1}` }));
    const first = nodes[0];
    if (first === undefined) continue;
    await deploy(first);
    rows.push(await measure(`PostgreSQL, ${count} node${count > 1 ? 's' : ''}`, nodes));
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
    await database.drop();
  }
}

const table = [
  '| setup | cases | cases/s | requests/s | p50 ms | p99 ms | RSS MB | node CPU ms/request | client CPU ms/request |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.setup} | ${r.cases} | ${r.casesPerSec.toFixed(1)} | ${r.requestsPerSec.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rssMB.toFixed(0)} | ${r.serverCpuMs.toFixed(3)} | ${r.clientCpuMs.toFixed(3)} |`),
];
if (peer) table.push(`| bpmn-engine 25 in memory (${peer.variant}, one after another) | ${values['peer-n']} | ${peer.casesPerSec.toFixed(1)} | – | – | – | – | – | – |`);
process.stdout.write(`${table.join('\n')}\n`);
const sqlite = rows[0];
if (peer && sqlite) process.stdout.write(`ratio SQLite node / bpmn-engine in memory: ${(sqlite.casesPerSec / peer.casesPerSec).toFixed(1)}× (target ≥ 10×)\n`);
if (flat.length >= 2) {
  const first = flat[0];
  const last = flat[flat.length - 1];
  if (first && last) process.stdout.write(`RSS with ${first.open} open cases ${first.rssMB.toFixed(0)} MB, with ${last.open} ${last.rssMB.toFixed(0)} MB: ${(((last.rssMB - first.rssMB) / first.rssMB) * 100).toFixed(0)}% (target within 20%; both after a full GC)\n`);
}
