import http from 'node:http';

/**
 * Kept-alive connections for the benchmark's clients. `node:http` rather than `fetch`: fetch
 * costs the client about 0.5 ms of CPU per request here, as much as the server spends
 * answering it, and the client shares the machine's two cores with the server.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

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
    const response = await request(url, method, headers, body === undefined ? undefined : JSON.stringify(body));
    this.samples.push(performance.now() - started);
    if (response.status >= 400) this.errors++;
    return { status: response.status, body: response.text === '' ? null : (JSON.parse(response.text) as unknown) };
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

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}
