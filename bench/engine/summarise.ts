import type { RunResult } from './run-result.js';
import type { WorkloadId } from './workloads.js';

/** Targets from issue 2: ≥ 100× the peer's instances/s on every workload, ≤ 2 KB state per waiting complaint instance. */
export const targets = { minRatio: 100, maxComplaintStateBytes: 2048 } as const;

/** Medians over the repetitions of one (workload, side, variant). */
export interface Line {
  readonly workload: WorkloadId;
  readonly side: RunResult['side'];
  readonly variant: string;
  readonly engine: string;
  readonly reps: number;
  readonly instancesPerSec: number;
  /** Slowest and fastest repetition, to show the noise. */
  readonly instancesPerSecRange: readonly [number, number];
  /** Instances per CPU-second of the timed section (see README: steadier on a loaded machine). */
  readonly instancesPerCpuSec: number;
  readonly waitsPerSec: number;
  readonly avgStateBytes: number;
  readonly rssMB: number;
  /** Ours: instances/s over the faster peer variant of the same workload. */
  readonly ratio: number | null;
  /** The same, per CPU-second. */
  readonly cpuRatio: number | null;
}

export interface WorkloadVerdict {
  readonly workload: WorkloadId;
  /** Our `step` line over the faster peer variant. */
  readonly ratio: number | null;
  readonly ratioMet: boolean | null;
  readonly cpuRatio: number | null;
}

export interface Summary {
  readonly lines: readonly Line[];
  readonly verdicts: readonly WorkloadVerdict[];
  readonly complaintStateBytes: number | null;
  readonly stateMet: boolean | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/** Groups runs by workload/side/variant, takes medians, and compares ours with the faster peer variant. */
export function summarise(runs: readonly { workload: WorkloadId; result: RunResult }[]): Summary {
  const groups = new Map<string, { workload: WorkloadId; results: RunResult[] }>();
  for (const { workload, result } of runs) {
    const key = `${workload}\u0000${result.side}\u0000${result.variant}`;
    const group = groups.get(key) ?? { workload, results: [] };
    group.results.push(result);
    groups.set(key, group);
  }
  const base = [...groups.values()].map(({ workload, results }) => {
    const first = results[0];
    if (!first) throw new Error('empty group');
    const ips = results.map((r) => r.instancesPerSec);
    return {
      workload,
      side: first.side,
      variant: first.variant,
      engine: first.engine,
      reps: results.length,
      instancesPerSec: median(ips),
      instancesPerSecRange: [Math.min(...ips), Math.max(...ips)] as const,
      instancesPerCpuSec: median(results.map((r) => r.instancesPerCpuSec)),
      waitsPerSec: median(results.map((r) => r.waitsPerSec)),
      avgStateBytes: median(results.map((r) => r.avgStateBytes)),
      rssMB: median(results.map((r) => r.rssMB)),
    };
  });
  const fastestPeer = (workload: WorkloadId, rate: (l: (typeof base)[number]) => number): number | null => {
    const peers = base.filter((l) => l.workload === workload && l.side === 'peer').map(rate);
    return peers.length ? Math.max(...peers) : null;
  };
  const lines: Line[] = base.map((l) => {
    const peer = fastestPeer(l.workload, (p) => p.instancesPerSec);
    const peerCpu = fastestPeer(l.workload, (p) => p.instancesPerCpuSec);
    return {
      ...l,
      ratio: l.side === 'ours' && peer ? l.instancesPerSec / peer : null,
      cpuRatio: l.side === 'ours' && peerCpu ? l.instancesPerCpuSec / peerCpu : null,
    };
  });
  const workloadIds = [...new Set(lines.map((l) => l.workload))];
  const verdicts = workloadIds.map((workload) => {
    const ours = lines.find((l) => l.workload === workload && l.side === 'ours' && l.variant === 'step');
    const ratio = ours?.ratio ?? null;
    return { workload, ratio, ratioMet: ratio === null ? null : ratio >= targets.minRatio, cpuRatio: ours?.cpuRatio ?? null };
  });
  const complaint = lines.find((l) => l.workload === 'complaint' && l.side === 'ours' && l.variant === 'step');
  const complaintStateBytes = complaint ? complaint.avgStateBytes : null;
  return {
    lines,
    verdicts,
    complaintStateBytes,
    stateMet: complaintStateBytes === null ? null : complaintStateBytes <= targets.maxComplaintStateBytes,
  };
}
