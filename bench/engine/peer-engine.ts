import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runChild } from './run-child.js';
import { toRunResult, type RunResult } from './run-result.js';

const cpuPreload = fileURLToPath(new URL('./cpu-usage-preload.mjs', import.meta.url));

/**
 * The peer side: bpmn-engine (paed01) through the shared harness `<shared>/bench/peer/bench.mjs`,
 * copied into `.bench/peer` (gitignored) and installed there once with its pinned versions.
 */
export function preparePeer(sharedBenchDir: string, workDir: string, log: (line: string) => void): void {
  const source = path.join(sharedBenchDir, 'peer');
  fs.mkdirSync(workDir, { recursive: true });
  for (const name of ['bench.mjs', 'package.json']) {
    const from = path.join(source, name);
    const to = path.join(workDir, name);
    const wanted = fs.readFileSync(from);
    if (fs.existsSync(to) && fs.readFileSync(to).equals(wanted)) continue;
    // the shared files are read-only; write a normal copy so npm can work beside it
    fs.rmSync(to, { force: true });
    fs.writeFileSync(to, wanted);
    if (name === 'package.json') fs.rmSync(path.join(workDir, 'node_modules'), { recursive: true, force: true });
  }
  if (!fs.existsSync(path.join(workDir, 'node_modules', 'bpmn-engine'))) {
    log(`installing the peer in ${workDir} (npm install; better-sqlite3 compiles, about a minute)…`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: workDir, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

async function peerProcessCpuMs(workDir: string, processFile: string, n: number): Promise<{ json: Record<string, unknown>; cpuMs: number }> {
  const { json, processCpuMs } = await runChild(['--import', cpuPreload, 'bench.mjs', '--process', processFile, '--n', String(n)], workDir);
  if (processCpuMs === null) throw new Error(`the peer run of ${processFile} reported no CPU time`);
  return { json, cpuMs: processCpuMs };
}

/**
 * CPU ms the peer spends before and after its timed loop (start-up, parsing the definition):
 * a run with `--n 0`, subtracted from every run of the same file so that its CPU figure covers
 * the n instances only, as ours does.
 */
export async function peerOverheadCpuMs(workDir: string, processFile: string): Promise<number> {
  return (await peerProcessCpuMs(workDir, processFile, 0)).cpuMs;
}

/** One peer run of `n` instances of a shared process file, one after another. */
export async function runPeer(workDir: string, processFile: string, n: number, overheadCpuMs: number): Promise<RunResult> {
  const { json, cpuMs } = await peerProcessCpuMs(workDir, processFile, n);
  const variant = typeof json.process === 'string' ? json.process : path.basename(processFile, '.bpmn');
  // the peer reports avgStateKB (JSON length / 1024, one decimal); keep its figure as bytes
  const avgStateKB = typeof json.avgStateKB === 'number' ? json.avgStateKB : Number.NaN;
  const cpuSeconds = Math.max(cpuMs - overheadCpuMs, 1) / 1000;
  return toRunResult(
    { ...json, cpuSeconds, instancesPerCpuSec: n / cpuSeconds },
    { side: 'peer', variant, avgStateBytes: Math.round(avgStateKB * 1024) },
  );
}
