import { readEvents, type Query } from './check-invariants.js';

/**
 * What every case of one process must look like at the end of a run, read from the database:
 * completed (row and state), no token left waiting at a join, exactly the expected task rows
 * per user-task element, its timer entered and fired exactly once in the history (a second
 * firing would show as a second completion, or a second task after it), each service task
 * completed once (by the worker or node whose name the history row carries), and exactly the
 * expected notifications (a built-in notify job run twice would have written two).
 */
export interface CaseSpec {
  readonly processKey: string;
  readonly timerElementId: string;
  /** User-task element → how many task rows one case has. */
  readonly tasksPerElement: Readonly<Record<string, number>>;
  readonly serviceElementIds?: readonly string[];
  /** Notification rows one case writes. */
  readonly notificationsPerCase?: number;
  /** Names the variable that is missing or wrong, else null. */
  readonly variables?: (variables: Record<string, unknown>) => string | null;
}

export interface CaseReport {
  readonly cases: number;
  readonly problems: readonly string[];
  /** Job key (a service task's element instance) → the worker or node that completed it, and when (history time). */
  readonly completedBy: ReadonlyMap<string, { readonly actor: string; readonly at: number }>;
  /** Instance id → when its timer fired (history time). */
  readonly timerFiredAt: ReadonlyMap<string, number>;
}

export async function checkCases(query: Query, spec: CaseSpec): Promise<CaseReport> {
  const key = spec.processKey.replace(/[^A-Za-z0-9_-]/g, '');
  const instances = await query(`select id, status, state from wf_process_instance where process_key = '${key}'`);
  const tasks = await query(`select t.instance_id, t.element_id, t.status from wf_user_task t join wf_process_instance i on i.id = t.instance_id where i.process_key = '${key}'`);
  const history = await query(
    `select h.instance_id, h.type, h.at, h.user_id, h.element_id, h.element_instance_id, h.data from wf_history_event h join wf_process_instance i on i.id = h.instance_id where i.process_key = '${key}' order by h.seq`,
  );
  const notifications = await query(`select n.instance_id, count(*) as n from wf_notification n join wf_process_instance i on i.id = n.instance_id where i.process_key = '${key}' group by n.instance_id`);
  const notificationsOf = new Map(notifications.map((r) => [String(r['instance_id']), Number(r['n'])]));
  const problems: string[] = [];
  const completedBy = new Map<string, { actor: string; at: number }>();
  const timerFiredAt = new Map<string, number>();
  const tasksOf = new Map<string, Record<string, unknown>[]>();
  for (const task of tasks) tasksOf.set(String(task['instance_id']), [...(tasksOf.get(String(task['instance_id'])) ?? []), task]);
  const eventsOf = new Map<string, { type: string; elementId: string | null; elementInstanceId: string | null; actor: string; at: number }[]>();
  for (const row of history) {
    const id = String(row['instance_id']);
    const list = eventsOf.get(id) ?? [];
    for (const event of readEvents(row)) list.push({ ...event, actor: String(row['user_id']), at: Number(row['at']) });
    eventsOf.set(id, list);
  }

  for (const row of instances) {
    const id = String(row['id']);
    const where = `${key} ${id}`;
    const state = JSON.parse(String(row['state'])) as { status: string; variables: Record<string, unknown>; joins: Record<string, Record<string, number>> }; // the engine's documented state JSON
    if (row['status'] !== 'completed' || state.status !== 'completed') problems.push(`${where}: ${String(row['status'])} (state ${state.status}), expected completed`);
    const waiting = Object.values(state.joins ?? {}).flatMap((flows) => Object.values(flows)).reduce((sum, n) => sum + n, 0);
    if (waiting !== 0) problems.push(`${where}: ${waiting} tokens still wait at a join`);
    const problem = spec.variables?.(state.variables ?? {}) ?? null;
    if (problem !== null) problems.push(`${where}: ${problem}`);

    const caseTasks = tasksOf.get(id) ?? [];
    for (const [elementId, expected] of Object.entries(spec.tasksPerElement)) {
      const rows = caseTasks.filter((t) => t['element_id'] === elementId);
      if (rows.length !== expected) problems.push(`${where}: ${rows.length} ${elementId} tasks, expected ${expected}`);
      if (rows.some((t) => t['status'] !== 'completed')) problems.push(`${where}: a ${elementId} task is not completed`);
    }

    const events = eventsOf.get(id) ?? [];
    const timerEntered = events.filter((e) => e.type === 'element.entered' && e.elementId === spec.timerElementId).length;
    const firings = events.filter((e) => e.type === 'element.completed' && e.elementId === spec.timerElementId);
    const timerFired = firings.length;
    for (const firing of firings) timerFiredAt.set(id, firing.at);
    if (timerEntered !== 1 || timerFired !== 1) problems.push(`${where}: timer ${spec.timerElementId} entered ${timerEntered} and fired ${timerFired} times, expected once each`);
    for (const serviceElementId of spec.serviceElementIds ?? []) {
      const done = events.filter((e) => e.type === 'element.completed' && e.elementId === serviceElementId);
      if (done.length !== 1) problems.push(`${where}: service task ${serviceElementId} completed ${done.length} times`);
      for (const event of done) if (event.elementInstanceId !== null) completedBy.set(event.elementInstanceId, { actor: event.actor, at: event.at });
    }
    const written = notificationsOf.get(id) ?? 0;
    if (spec.notificationsPerCase !== undefined && written !== spec.notificationsPerCase) problems.push(`${where}: ${written} notifications, expected ${spec.notificationsPerCase}`);
  }
  return { cases: instances.length, problems, completedBy, timerFiredAt };
}
