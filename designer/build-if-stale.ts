import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `designer/`). */
export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const designerDist = path.join(repoRoot, 'designer', 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** The build is stale when any source (app, engine calendar it bundles, config) is newer than dist/index.html. */
function buildIsStale(): boolean {
  const index = path.join(designerDist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [path.join(repoRoot, 'designer', 'src'), path.join(repoRoot, 'designer', 'public'), path.join(repoRoot, 'engine', 'calendar')];
  const files = [path.join(repoRoot, 'designer', 'index.html'), path.join(repoRoot, 'designer', 'vite.config.ts'), path.join(repoRoot, 'package-lock.json')];
  return sources.some((dir) => existsSync(dir) && newestMtime(dir) > built) || files.some((file) => existsSync(file) && statSync(file).mtimeMs > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds `designer/dist` when it is missing or older than its sources (`npm start` and the
 * browser tests call it). Test files run in parallel workers, so a lock directory makes the
 * others wait for the one that builds.
 */
export function ensureDesignerBuilt(): void {
  if (!buildIsStale()) return;
  const lock = path.join(repoRoot, 'designer', '.build-lock');
  let owner = false;
  for (let waited = 0; waited < 180_000; waited += 500) {
    try {
      mkdirSync(lock);
      owner = true;
      break;
    } catch {
      // Someone else builds; a lock older than three minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      sleep(500);
      if (!buildIsStale()) return;
    }
  }
  if (!owner) throw new Error('designer build lock was never released');
  try {
    if (buildIsStale()) execFileSync('npx', ['vite', 'build', '--config', 'designer/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
