// Our side of one benchmark run, in its own process (like the peer's bench.mjs): prints one JSON line.
//   node --import tsx bench/engine/our-engine-cli.ts --workload complaint --n 2000 --host step
import { runOurEngine, type OurHost } from './our-engine.js';
import { workloadById } from './workloads.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const host = option('host', 'step');
if (host !== 'step' && host !== 'in-memory') throw new Error(`--host must be step or in-memory, got ${host}`);
const report = await runOurEngine({
  workload: workloadById(option('workload', 'complaint')),
  n: Number(option('n', '2000')),
  host: host satisfies OurHost,
});
console.log(JSON.stringify(report));
