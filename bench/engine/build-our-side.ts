import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './workloads.js';

/**
 * Bundles our side of the benchmark into plain JavaScript, as a production deployment would run
 * it, so the figures measure the engine rather than the TypeScript loader used in development
 * (tsx costs 10–25% here: its loader thread and kept function names). The peer runs as shipped.
 */
export function buildOurSide(): string {
  const out = path.join(repoRoot, '.bench', 'build', 'our-engine.mjs');
  execFileSync(
    path.join(repoRoot, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(repoRoot, 'bench', 'engine', 'our-engine-cli.ts'),
      '--bundle', '--platform=node', '--format=esm', '--target=node20', `--outfile=${out}`, '--log-level=warning',
      // bpmn-moddle and friends are ESM, a few dependencies still call require().
      "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    ],
    { stdio: 'inherit' },
  );
  return out;
}
