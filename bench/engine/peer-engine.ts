import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runChild } from './run-child.js';
import type { RunResult } from './run-result.js';
import { toRunResult } from './run-result.js';

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

/** One peer run of `n` instances of a shared process file, one after another. */
export async function runPeer(workDir: string, processFile: string, n: number): Promise<RunResult> {
  const raw = await runChild(['bench.mjs', '--process', processFile, '--n', String(n)], workDir);
  const variant = typeof raw.process === 'string' ? raw.process : path.basename(processFile, '.bpmn');
  // the peer reports avgStateKB (JSON length / 1024, one decimal); keep its figure as bytes
  const avgStateKB = typeof raw.avgStateKB === 'number' ? raw.avgStateKB : Number.NaN;
  return toRunResult(raw, { side: 'peer', variant, avgStateBytes: Math.round(avgStateKB * 1024) });
}
