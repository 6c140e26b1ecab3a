/**
 * For the example tests: runs `npm start` (runtime/server.ts) as its own process on a fresh
 * SQLite folder and a free port, reads the one-time passwords it prints on first start, and
 * waits until it says it is running. Also the first sign-in of a seeded user (changing the
 * one-time password), which every example needs before it may call the API.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinliClient } from './linli-client.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface LinliServer {
  readonly url: string;
  readonly dataDir: string;
  /** The one-time passwords the first start printed, by user id. */
  readonly oneTimePasswords: ReadonlyMap<string, string>;
  /** Everything the server wrote to stdout so far (pino JSON lines and the password table). */
  output(): string;
  stop(): Promise<void>;
}

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

// " demo-admin       ABCD-EFGH-JKLM-NPQR     demo: admin" — the seed's table (runtime/identity/seed.ts)
const passwordLine = /^ (\S+)\s+([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})\s/gm;

/** Starts the server the way `npm start` does; the first start may build the designer (about a minute). */
export async function startLinliServer(env: Record<string, string> = {}, timeoutMs = 240_000): Promise<LinliServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-example-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'runtime', 'server.ts')], {
    cwd: repoRoot,
    // DATABASE_URL emptied: always a fresh SQLite file, so the first start seeds and prints passwords
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString('utf8')).slice(-8000)));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${how}) before it served:\n${err}\n${out.slice(-4000)}`));
    });
    const check = (): void => {
      if (!out.includes('邻里流程已启动')) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve();
    };
    child.stdout.on('data', check);
  });

  const oneTimePasswords = new Map([...out.matchAll(passwordLine)].map((m) => [m[1] ?? '', m[2] ?? '']));
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    oneTimePasswords,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The new password the tests give seeded users at their first sign-in. */
export const examplePassword = '弄堂口的梧桐树 2026';

/** First sign-in of a seeded user: replaces the printed one-time password with `examplePassword`. */
export async function firstSignIn(server: LinliServer, userId: string): Promise<void> {
  const oneTime = server.oneTimePasswords.get(userId);
  if (oneTime === undefined) throw new Error(`no one-time password was printed for ${userId}`);
  const { client } = await LinliClient.signIn(server.url, userId, oneTime);
  await client.call('POST', '/api/auth/password', { currentPassword: oneTime, newPassword: examplePassword });
}
