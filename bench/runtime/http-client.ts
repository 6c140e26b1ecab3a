/** A JSON request with its latency recorded (ms, wall clock of the client). */
export interface Timed {
  readonly status: number;
  readonly body: unknown;
}

export class LatencyLog {
  private readonly samples: number[] = [];
  requests = 0;
  errors = 0;

  async call(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: unknown): Promise<Timed> {
    const started = performance.now();
    this.requests++;
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    this.samples.push(performance.now() - started);
    if (response.status >= 400) this.errors++;
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  }
}

/** Resident set size of a process in MB, from /proc (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
