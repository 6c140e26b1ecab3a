import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in bench/engine/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type WorkloadId = 'complaint' | 'three-meetings';

/** One shared workload: our FEEL-dialect file and the peer's file(s) of the same process. */
export interface Workload {
  readonly id: WorkloadId;
  /** Process id inside the BPMN file (the same on both sides). */
  readonly processId: string;
  /** Our zeebe-dialect version, relative to the repository root. */
  readonly ourFile: string;
  /** The peer's variants, file names inside `<shared>/bench/processes/`; the faster one counts. */
  readonly peerFiles: readonly string[];
  /** User-task waits a run of n instances must see (the same check the peer makes). */
  readonly expectedWaits: (n: number) => number;
}

export const workloads: readonly Workload[] = [
  {
    id: 'complaint',
    processId: 'complaint',
    ourFile: 'bench/engine/processes/complaint.bpmn',
    peerFiles: ['complaint.bpmn', 'complaint-expr.bpmn'],
    // register, handle, feedback; every 4th instance loops back once: handle and feedback again
    expectedWaits: (n) => 3 * n + 2 * Math.floor(n / 4),
  },
  {
    id: 'three-meetings',
    processId: 'threeMeetings',
    ourFile: 'bench/engine/processes/three-meetings.bpmn',
    peerFiles: ['three-meetings.bpmn'],
    expectedWaits: (n) => 3 * n,
  },
];

export function workloadById(id: string): Workload {
  const found = workloads.find((w) => w.id === id);
  if (!found) throw new Error(`unknown workload ${id}; known: ${workloads.map((w) => w.id).join(', ')}`);
  return found;
}
