/** One measured run (one child process), normalised from either side's JSON line. */
export interface RunResult {
  readonly side: 'ours' | 'peer';
  /** Ours: the host (`step`, `in-memory`); peer: the process file variant. */
  readonly variant: string;
  readonly engine: string;
  readonly instances: number;
  readonly seconds: number;
  readonly instancesPerSec: number;
  /** CPU seconds (user + system) spent on the n instances: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly instancesPerCpuSec: number;
  readonly waits: number;
  readonly waitsPerSec: number;
  /** Mean JSON length of the instance state taken while the instance waits. */
  readonly avgStateBytes: number;
  /** Peak resident set size of the run's process, MB. */
  readonly rssMB: number;
}

function num(raw: Record<string, unknown>, key: string): number {
  const v = raw[key];
  if (typeof v !== 'number') throw new Error(`run result lacks numeric ${key}: ${JSON.stringify(raw)}`);
  return v;
}

/** Reads the common fields of a child's JSON line. */
export function toRunResult(
  raw: Record<string, unknown>,
  fixed: { side: RunResult['side']; variant: string; avgStateBytes?: number },
): RunResult {
  return {
    side: fixed.side,
    variant: fixed.variant,
    engine: typeof raw.engine === 'string' ? raw.engine : fixed.side,
    instances: num(raw, 'instances'),
    seconds: num(raw, 'seconds'),
    instancesPerSec: num(raw, 'instancesPerSec'),
    cpuSeconds: num(raw, 'cpuSeconds'),
    instancesPerCpuSec: num(raw, 'instancesPerCpuSec'),
    waits: num(raw, 'waits'),
    waitsPerSec: num(raw, 'waitsPerSec'),
    avgStateBytes: fixed.avgStateBytes ?? num(raw, 'avgStateBytes'),
    rssMB: num(raw, 'rssMB'),
  };
}
