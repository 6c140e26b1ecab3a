import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, pgClient } from '../../bench/runtime/postgres-database.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const clusterMain = path.join(repoRoot, 'runtime', 'cluster', 'cluster-main.ts');
const adminUrl = process.env.RESILIENCE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  try {
    await (await pgClient(adminUrl)).end();
    return true;
  } catch {
    return false;
  }
}
const reachable = await postgresReachable();

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A base port with the next `count` ports free too (the proxy listens on the base, node i on base + i). */
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const all = await Promise.all(Array.from({ length: count + 1 }, (_, i) => portFree(base + i)));
    if (all.every(Boolean)) return base;
  }
  throw new Error('no free port range');
}

/** `npm run cluster -- <nodes>` in its own process, collecting what it and its nodes write. */
function runCluster(nodes: number, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', clusterMain, String(nodes)], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function until(condition: () => boolean, what: string, output: () => string, limitMs = 120_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 200) {
    if (waited > limitMs) throw new Error(`gave up waiting for ${what}:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm run cluster', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-cluster-'));
  const started: ChildProcess[] = [];

  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should refuse several nodes on SQLite, pointing to DATABASE_URL', async () => {
    // given no DATABASE_URL
    const env: Record<string, string> = { DATA_DIR: dataDir, PORT: String(await freePorts(2)) };
    const { DATABASE_URL: _ignored, ...withoutDatabase } = process.env;

    // when two nodes are asked for
    const child = spawn(process.execPath, ['--import', 'tsx', clusterMain, '2'], { cwd: repoRoot, env: { ...withoutDatabase, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise((resolve) => child.once('exit', resolve));

    // then
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL');
  });

  it.skipIf(!reachable)('should serve two PostgreSQL nodes behind one port, each answering in turn, and stop them all', async () => {
    // given a fresh database and a free range of ports
    const database = await createPostgresDatabase(adminUrl);
    try {
      const port = await freePorts(2);
      const cluster = runCluster(2, { DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(port), DESIGNER_DIST: path.join(dataDir, 'no-designer') });
      started.push(cluster.child);
      await until(() => (cluster.output().match(/Linli Flow is running/g) ?? []).length === 2 || cluster.child.exitCode !== null, 'both nodes', cluster.output);
      expect(cluster.child.exitCode, cluster.output()).toBeNull();

      // when requests go to the one entry port
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        await response.arrayBuffer();
        statuses.push(response.status);
      }

      // then both nodes answered (their request logs carry their pids); accounts and templates were set up once
      expect(statuses).toEqual([200, 200, 200, 200]);
      const servedBy = new Set(
        cluster
          .output()
          .split('\n')
          .filter((line) => line.includes('"url":"/api/health"'))
          .map((line) => (JSON.parse(line) as { pid: number }).pid),
      );
      expect(servedBy.size).toBe(2);
      const client = await pgClient(database.url);
      try {
        const admins = await client.query("select count(*) as n from id_user where id = 'admin'");
        expect(Number(admins.rows[0]?.['n'])).toBe(1);
        expect(cluster.output().match(/First start: these accounts were created/g) ?? []).toHaveLength(1);
        // both nodes deployed the shipped templates at start: still one version each
        const deployed = await client.query('select count(*) as n from wf_definition');
        const twice = await client.query('select kind, key, count(*) as n from wf_definition group by community, kind, key, content_hash having count(*) > 1');
        expect(Number(deployed.rows[0]?.['n'])).toBeGreaterThan(0);
        expect(twice.rows).toEqual([]);
      } finally {
        await client.end();
      }

      // when the cluster is stopped, every node goes with it
      cluster.child.kill('SIGTERM');
      expect(await cluster.exited).toBe(0);
      await until(() => (cluster.output().match(/node \d exited/g) ?? []).length === 2, 'the nodes to exit', cluster.output, 15_000);
    } finally {
      await database.drop();
    }
  }, 180_000);
});
