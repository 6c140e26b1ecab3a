import { spawn } from 'node:child_process';

export interface ChildOutput {
  /** The JSON object on the last line of stdout. */
  readonly json: Record<string, unknown>;
  /** CPU ms of the whole child process, when it was run with `cpu-usage-preload.mjs`. */
  readonly processCpuMs: number | null;
}

const CPU_TAG = '@@cpu ';

function processCpuMs(stderr: string): number | null {
  const line = stderr.split('\n').find((l) => l.startsWith(CPU_TAG));
  if (!line) return null;
  const parsed: unknown = JSON.parse(line.slice(CPU_TAG.length));
  return typeof parsed === 'object' && parsed !== null && 'cpuMs' in parsed && typeof parsed.cpuMs === 'number' ? parsed.cpuMs : null;
}

/**
 * Runs a Node child process and returns the JSON object on the last line of its stdout.
 * Every measured run is its own process: a fresh heap and JIT, and its own peak RSS.
 */
export function runChild(args: readonly string[], cwd: string): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) {
        reject(new Error(`node ${args.join(' ')} exited with ${code}\n${err.trim()}`));
        return;
      }
      try {
        const parsed: unknown = JSON.parse(last);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        // narrowed above: a non-null, non-array object
        resolve({ json: parsed as Record<string, unknown>, processCpuMs: processCpuMs(err) });
      } catch {
        reject(new Error(`node ${args.join(' ')} printed no JSON line:\n${out}\n${err}`));
      }
    });
  });
}
