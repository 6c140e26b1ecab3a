/**
 * For the example tests: runs an example program as its own process, exactly as the README's
 * `npx tsx examples/<name>/<name>.ts` does, with the given environment variables.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './start-linli-server.js';

export interface ExampleRun {
  /** Resolves once the program printed a line containing `text`. */
  printed(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal) and everything the program wrote. */
  readonly done: Promise<{ code: string; stdout: string; stderr: string }>;
  /** SIGTERM: the examples stop cleanly on it. */
  stop(): void;
}

export function runExample(script: string, env: Record<string, string>): ExampleRun {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, script)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<{ code: string; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code: signal ?? String(code), stdout, stderr })),
  );
  return {
    done,
    stop: () => child.kill('SIGTERM'),
    printed: (text, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script} did not print "${text}" within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
        const check = (): void => {
          if (!stdout.includes(text)) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
        void done.then(() => {
          clearTimeout(timer);
          if (stdout.includes(text)) resolve();
          else reject(new Error(`${script} exited before printing "${text}":\n${stdout}\n${stderr}`));
        });
        check();
      }),
  };
}
