// npm run bench:engine [-- --n 2000 --reps 3 --json --only ours|peer --workload complaint,three-meetings,complaint-reminder --hosts step,in-memory --shared ../shared]
//
// Runs the shared workloads on our engine and on bpmn-engine (the peer) in the same run, every
// run in its own process, alternating which side goes first, and prints medians and ratios.
import os from 'node:os';
import path from 'node:path';
import { buildOurSide } from './build-our-side.js';
import { parseArgs } from 'node:util';
import { runChild } from './run-child.js';
import { peerOverheadCpuMs, preparePeer, runPeer } from './peer-engine.js';
import { formatTable, formatVerdict } from './print-table.js';
import { toRunResult, type RunResult } from './run-result.js';
import { summarise } from './summarise.js';
import { defaultWorkloadIds, peerFilePath, repoRoot, workloadById, type Workload, type WorkloadId } from './workloads.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    only: { type: 'string', default: 'both' },
    workload: { type: 'string', default: defaultWorkloadIds.join(',') },
    hosts: { type: 'string', default: 'step,in-memory' },
    shared: { type: 'string', default: path.resolve(repoRoot, '..', 'shared') },
  },
});

const n = Number(values.n);
const reps = Number(values.reps);
if (!Number.isInteger(n) || n < 4) throw new Error('--n must be an integer ≥ 4');
if (!Number.isInteger(reps) || reps < 1) throw new Error('--reps must be an integer ≥ 1');
if (!['both', 'ours', 'peer'].includes(values.only)) throw new Error('--only must be both, ours or peer');
const runOurs = values.only !== 'peer';
const runPeers = values.only !== 'ours';
const selected: Workload[] = values.workload.split(',').map((id) => workloadById(id.trim()));
const hosts = values.hosts.split(',').map((h) => h.trim());
for (const h of hosts) if (h !== 'step' && h !== 'in-memory') throw new Error(`unknown host ${h}`);
const sharedBench = path.join(values.shared, 'bench');
const peerDir = path.join(repoRoot, '.bench', 'peer');

// progress goes to stderr so that `--json` leaves stdout to the JSON document
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const ourBundle = runOurs ? buildOurSide() : '';

async function runOur(workload: Workload, host: string): Promise<RunResult> {
  const { json } = await runChild([ourBundle, '--workload', workload.id, '--n', String(n), '--host', host], repoRoot);
  return toRunResult(json, { side: 'ours', variant: host });
}

const peerOverhead = new Map<string, number>();
if (runPeers) {
  preparePeer(sharedBench, peerDir, log);
  for (const peer of selected.flatMap((w) => w.peerFiles)) {
    const file = peerFilePath(peer, sharedBench);
    peerOverhead.set(file, await peerOverheadCpuMs(peerDir, file));
  }
}
log(`node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; n=${n}, reps=${reps}`);

const runs: { workload: WorkloadId; rep: number; result: RunResult }[] = [];
for (let rep = 0; rep < reps; rep++) {
  for (const workload of selected) {
    const ours = runOurs ? hosts.map((host) => () => runOur(workload, host)) : [];
    const peers = runPeers
      ? workload.peerFiles.map((peer) => peerFilePath(peer, sharedBench)).map((file) => () => runPeer(peerDir, file, n, peerOverhead.get(file) ?? 0))
      : [];
    // alternate which side runs first, so drift in machine load does not favour one side
    const order = rep % 2 === 0 ? [...ours, ...peers] : [...peers, ...ours];
    for (const run of order) {
      const result = await run();
      log(`  rep ${rep + 1}/${reps} ${workload.id} ${result.side}/${result.variant}: ${result.instancesPerSec} instances/s, ${result.instancesPerCpuSec.toFixed(1)} per CPU-s`);
      runs.push({ workload: workload.id, rep, result });
    }
  }
}

const summary = summarise(runs);
if (values.json) {
  console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, n, reps, peerOverheadCpuMs: Object.fromEntries(peerOverhead), ...summary, runs }, null, 2));
} else {
  console.log(`\nbench:engine — n=${n} instances per run, one after another, medians of ${reps} run(s), node ${process.version}, ${os.cpus().length} cpus`);
  console.log(formatTable(summary));
  console.log(formatVerdict(summary));
}
