import { targets, type Summary } from './summarise.js';

function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

/** The human-readable table: one line per engine variant, medians, ratio against the faster peer variant. */
export function formatTable(summary: Summary): string {
  const header = ['workload', 'engine', 'variant', 'instances/s', '(min–max)', 'ratio', 'inst/CPU-s', 'CPU ratio', 'waits/s', 'state B/wait', 'RSS MB'];
  const rows = summary.lines.map((l) => [
    l.workload,
    l.side === 'ours' ? 'ours' : 'bpmn-engine',
    l.variant,
    fmt(l.instancesPerSec, l.instancesPerSec < 1000 ? 1 : 0),
    `${fmt(l.instancesPerSecRange[0])}–${fmt(l.instancesPerSecRange[1])}`,
    l.ratio === null ? '' : `${fmt(l.ratio, 1)}×`,
    fmt(l.instancesPerCpuSec, l.instancesPerCpuSec < 1000 ? 1 : 0),
    l.cpuRatio === null ? '' : `${fmt(l.cpuRatio, 1)}×`,
    fmt(l.waitsPerSec),
    fmt(l.avgStateBytes),
    fmt(l.rssMB, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const out = [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths))];
  return out.join('\n');
}

function mark(met: boolean | null): string {
  return met === null ? 'not measured' : met ? 'MET' : 'MISSED';
}

/** One line against the targets. */
export function formatVerdict(summary: Summary): string {
  const ratios = summary.verdicts
    .map((v) => `${v.workload} ${v.ratio === null ? '?' : fmt(v.ratio, 1)}× ${mark(v.ratioMet)} (per CPU-s ${v.cpuRatio === null ? '?' : fmt(v.cpuRatio, 1)}×)`)
    .join(', ');
  const state = summary.complaintStateBytes === null ? '?' : `${fmt(summary.complaintStateBytes)} B`;
  return (
    `目标 / targets: ≥ ${targets.minRatio}× bpmn-engine instances/s: ${ratios}; ` +
    `state ≤ ${fmt(targets.maxComplaintStateBytes)} B per waiting complaint instance: ${state} ${mark(summary.stateMet)}`
  );
}
