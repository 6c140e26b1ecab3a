import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const nodeMain = fileURLToPath(new URL('./node-main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A runtime node in its own OS process (so that kill -9 is a real crash). */
export interface RuntimeNode {
  readonly port: number;
  readonly pid: number;
  readonly url: string;
  /** Resolves with the exit code or signal once the process has gone. */
  readonly exited: Promise<string>;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  crash(): Promise<string>;
  /** SIGTERM and wait. */
  stop(): Promise<string>;
  /** What the process wrote to stderr (for failure messages). */
  stderr(): string;
}

/** Starts a node on the given database (env: DATA_DIR or DATABASE_URL, NODE_ID…) and waits until it serves. */
export function spawnNode(env: Record<string, string>, timeoutMs = 60_000): Promise<RuntimeNode> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', nodeMain], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-8000);
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node did not start in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`node exited (${how}) before it served: ${err}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{"ready"'));
      if (line === undefined) return;
      clearTimeout(timer);
      const { port } = JSON.parse(line) as { port: number }; // our own line, written by node-main.ts
      const pid = child.pid ?? 0;
      resolve({
        port,
        pid,
        url: `http://127.0.0.1:${port}`,
        exited,
        crash: () => {
          child.kill('SIGKILL');
          return exited;
        },
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        stderr: () => err,
      });
    });
  });
}
