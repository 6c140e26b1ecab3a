import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonObject } from '../../engine/state/json.js';

/** Repository root (this file lives in bench/engine/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type WorkloadId = 'complaint' | 'three-meetings' | 'complaint-reminder';

/** A peer (bpmn-engine dialect) file: one of the shared ones, or one of ours written in its dialect. */
export interface PeerFile {
  readonly from: 'shared' | 'repo';
  /** Shared: a name in `<shared>/bench/processes/`; repo: a path from the repository root. */
  readonly file: string;
}

/** One workload: our FEEL-dialect file and the peer's file(s) of the same process. */
export interface Workload {
  readonly id: WorkloadId;
  /** Process id inside the BPMN file (the same on both sides). */
  readonly processId: string;
  /** Our zeebe-dialect version, relative to the repository root. */
  readonly ourFile: string;
  /** The peer's variants; the faster one counts. */
  readonly peerFiles: readonly PeerFile[];
  /** User-task and message waits a run of n instances must see (the same check the peer makes). */
  readonly expectedWaits: (n: number) => number;
  /** Variables instance i starts with (ours only: the peer's harness starts every instance empty). */
  readonly startVariables?: (instanceIndex: number) => JsonObject;
  /** The message that answers a message wait of instance i (the resident's reply). */
  readonly reply?: (instanceIndex: number) => { readonly messageName: string; readonly correlationKey: string };
}

// register, handle, feedback; every 4th instance loops back once: handle and feedback again
const complaintWaits = (n: number): number => 3 * n + 2 * Math.floor(n / 4);

export const workloads: readonly Workload[] = [
  {
    id: 'complaint',
    processId: 'complaint',
    ourFile: 'bench/engine/processes/complaint.bpmn',
    peerFiles: [
      { from: 'shared', file: 'complaint.bpmn' },
      { from: 'shared', file: 'complaint-expr.bpmn' },
    ],
    expectedWaits: complaintWaits,
  },
  {
    id: 'three-meetings',
    processId: 'threeMeetings',
    ourFile: 'bench/engine/processes/three-meetings.bpmn',
    peerFiles: [{ from: 'shared', file: 'three-meetings.bpmn' }],
    expectedWaits: (n) => 3 * n,
  },
  {
    // issue 3: the complaint with a non-interrupting reminder timer on each handle task
    // (5 working days; P5D on the peer, which has no working-day calendar) and the resident's
    // reply as a message correlated by complaint id instead of the feedback user task
    id: 'complaint-reminder',
    processId: 'complaint',
    ourFile: 'bench/engine/processes/complaint-reminder.bpmn',
    peerFiles: [{ from: 'repo', file: 'bench/engine/processes/peer/complaint-reminder.bpmn' }],
    expectedWaits: complaintWaits,
    startVariables: (i) => ({ complaintId: `complaint-${i}` }),
    reply: (i) => ({ messageName: 'residentReply', correlationKey: `complaint-${i}` }),
  },
];

/** The workloads `bench:engine` runs unless told otherwise. */
export const defaultWorkloadIds: readonly WorkloadId[] = ['complaint', 'three-meetings', 'complaint-reminder'];

export function workloadById(id: string): Workload {
  const found = workloads.find((w) => w.id === id);
  if (!found) throw new Error(`unknown workload ${id}; known: ${workloads.map((w) => w.id).join(', ')}`);
  return found;
}

/** Absolute path of a peer file. */
export function peerFilePath(peer: PeerFile, sharedBenchDir: string): string {
  return peer.from === 'shared' ? path.join(sharedBenchDir, 'processes', peer.file) : path.join(repoRoot, peer.file);
}
