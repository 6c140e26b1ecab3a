import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const server = path.join(repoRoot, 'runtime', 'server.ts');

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start` in its own process; collects what it writes. */
function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', server], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, what: string, limitMs = 90_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start twice on one SQLite data directory', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-second-node-'));
  const started: ChildProcess[] = [];

  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should refuse the second server with a message naming DATA_DIR, and free the directory when the first stops', async () => {
    // given a running server on the data directory (no designer build: DESIGNER_DIST points at an empty folder)
    const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', DESIGNER_DIST: path.join(dataDir, 'no-designer'), LOG_LEVEL: 'info' };
    const first = startServer({ ...env, PORT: String(await freePort()) });
    started.push(first.child);
    await until(() => first.output().includes('Linli Flow is running') || first.child.exitCode !== null, 'the first server');
    expect(first.child.exitCode, first.output()).toBeNull();

    // when a second server starts on the same directory
    const second = startServer({ ...env, PORT: String(await freePort()) });
    started.push(second.child);
    const code = await second.exited;

    // then it stops at once, saying which directory is taken and what to do instead
    expect(code).toBe(1);
    expect(second.output()).toContain(dataDir);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect(second.output()).toContain('DATABASE_URL');
    expect(first.child.exitCode).toBeNull();

    // when the first server shuts down cleanly, the directory is free again
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'linli.node.lock'))).toBe(false);
  }, 120_000);
});
