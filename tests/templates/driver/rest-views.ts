import type { JsonObject } from '../../../engine/index.js';
import type { SentNotification } from './scenario-driver.js';

/** The parts of the runtime's REST answers the scenario driver reads (runtime/schemas). */
export interface RestTask {
  readonly id: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly candidateGroups: readonly string[];
  readonly formId: string | null;
  readonly dueDate: string | null;
  readonly assignee: string | null;
  readonly createdAt: string;
}

export interface RestInstance {
  readonly id: string;
  readonly processKey: string;
  readonly status: 'active' | 'completed' | 'terminated';
  readonly startedAt: string;
  readonly variables: JsonObject;
  readonly activeElements: readonly { readonly elementInstanceId: string; readonly elementId: string; readonly calledInstanceId: string | null }[];
  readonly incidents: readonly { readonly elementId: string; readonly message: string; readonly status: 'open' | 'resolved' }[];
}

export interface RestHistoryEntry {
  readonly type: string;
  readonly elementId: string | null;
}

export interface RestComment {
  readonly id: string;
  readonly visibility: string;
  readonly body: string;
  readonly createdAt: string;
}

export interface RestNotification {
  readonly id: string;
  readonly recipientUser: string | null;
  readonly recipientGroup: string | null;
  readonly title: string;
  readonly body: string;
  readonly instanceId: string | null;
  readonly createdAt: string;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** An instant as Shanghai wall time with its offset (`2026-12-01T09:00:00+08:00`), as the inbox shows it. */
export function shanghaiTime(iso: string): string {
  return `${new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The notify connector writes one row per recipient; rows of one sending share the instance,
 * time, title and body. Joins them back into one notification per sending, oldest first, with
 * the recipients in the order the task header named them (row ids grow in insertion order).
 */
export function groupNotifications(rows: readonly RestNotification[]): SentNotification[] {
  const sendings = new Map<string, { instanceId: string; users: string[]; groups: string[]; title: string; body: string }>();
  for (const row of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = JSON.stringify([row.instanceId, row.createdAt, row.title, row.body]);
    let sending = sendings.get(key);
    if (sending === undefined) {
      sending = { instanceId: row.instanceId ?? '', users: [], groups: [], title: row.title, body: row.body };
      sendings.set(key, sending);
    }
    if (row.recipientUser !== null) sending.users.push(row.recipientUser);
    if (row.recipientGroup !== null) sending.groups.push(row.recipientGroup);
  }
  return [...sendings.values()];
}
