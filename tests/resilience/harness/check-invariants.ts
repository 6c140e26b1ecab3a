/**
 * The invariant checker: reads the whole database and reports every place where the instance
 * state, the task, job and subscription rows and the history disagree. Works on SQLite and
 * PostgreSQL through a plain `query(sql)` function (row values as the driver returns them).
 */
export type Query = (sql: string) => Promise<readonly Record<string, unknown>[]>;

export interface InvariantReport {
  readonly instances: number;
  readonly completed: number;
  readonly openTasks: number;
  readonly jobs: number;
  readonly historyRows: number;
  /** Human-readable problems; empty when the database is consistent. */
  readonly problems: readonly string[];
}

interface StateElement {
  readonly id: string;
  readonly elementId: string;
  readonly status: string;
}

export interface HistoryEvent {
  readonly type: string;
  readonly elementId: string | null;
  readonly elementInstanceId: string | null;
}

export async function checkInvariants(query: Query): Promise<InvariantReport> {
  const problems: string[] = [];
  const instances = await query('select id, status, state, ended_at from wf_process_instance');
  const tasks = await query('select id, instance_id, element_id, status from wf_user_task');
  const jobs = await query('select id, instance_id, kind, element_instance_id, status from wf_job');
  const subscriptions = await query('select id, instance_id from wf_message_subscription');
  const history = await query('select instance_id, type, element_instance_id, data from wf_history_event order by seq');

  const userTaskElements = new Set(tasks.map((t) => String(t['element_id'])));
  const tasksByInstance = groupBy(tasks, 'instance_id');
  const jobsByInstance = groupBy(jobs, 'instance_id');
  const subscriptionsByInstance = groupBy(subscriptions, 'instance_id');
  const eventsByInstance = new Map<string, HistoryEvent[]>();
  for (const row of history) {
    const id = String(row['instance_id']);
    const list = eventsByInstance.get(id) ?? [];
    list.push(...readEvents(row));
    eventsByInstance.set(id, list);
  }
  const known = new Set(instances.map((i) => String(i['id'])));
  for (const [name, rows] of [['task', tasks], ['job', jobs], ['subscription', subscriptions], ['history', history]] as const) {
    for (const row of rows) if (!known.has(String(row['instance_id']))) problems.push(`${name} row of a missing instance ${String(row['instance_id'])}`);
  }

  let completed = 0;
  for (const row of instances) {
    const id = String(row['id']);
    const where = `instance ${id}`;
    let state: { status?: unknown; instanceId?: unknown; elements?: Record<string, StateElement>; subscriptions?: Record<string, { kind: string }> };
    try {
      state = JSON.parse(String(row['state'])) as typeof state; // the runtime's own documented state JSON
    } catch {
      problems.push(`${where}: state is not JSON`);
      continue;
    }
    if (state.instanceId !== id) problems.push(`${where}: state belongs to ${String(state.instanceId)}`);
    if (state.status !== row['status']) problems.push(`${where}: row status ${String(row['status'])} but state ${String(state.status)}`);
    const elements = Object.values(state.elements ?? {});
    const timerSubscriptions = Object.values(state.subscriptions ?? {}).filter((s) => s.kind === 'timer').length;
    const otherSubscriptions = Object.values(state.subscriptions ?? {}).filter((s) => s.kind !== 'timer').length;
    const instanceTasks = tasksByInstance.get(id) ?? [];
    const instanceJobs = jobsByInstance.get(id) ?? [];
    const events = eventsByInstance.get(id) ?? [];

    // tasks ↔ state
    const openTasks = new Set(instanceTasks.filter((t) => t['status'] === 'open').map((t) => String(t['id'])));
    const activeUserTasks = new Set(elements.filter((e) => userTaskElements.has(e.elementId) && e.status === 'active').map((e) => e.id));
    for (const task of openTasks) if (!activeUserTasks.has(task)) problems.push(`${where}: open task ${task} has no active element in the state`);
    for (const element of activeUserTasks) if (!openTasks.has(element)) problems.push(`${where}: active user task ${element} has no open task row`);

    // jobs ↔ state
    const timerJobs = instanceJobs.filter((j) => j['kind'] === 'timer').length;
    if (timerJobs !== timerSubscriptions) problems.push(`${where}: ${timerJobs} timer job rows but ${timerSubscriptions} timer subscriptions in the state`);
    for (const job of instanceJobs.filter((j) => j['kind'] === 'service')) {
      const element = state.elements?.[String(job['element_instance_id'])];
      if (element?.status !== 'active') problems.push(`${where}: service job ${String(job['id'])} waits on an element that is not active`);
    }
    const subscriptionRows = (subscriptionsByInstance.get(id) ?? []).length;
    if (subscriptionRows !== otherSubscriptions) problems.push(`${where}: ${subscriptionRows} subscription rows but ${otherSubscriptions} message/signal subscriptions in the state`);

    // history ↔ tasks and state: every command's events are there once
    const started = events.filter((e) => e.type === 'instance.started').length;
    if (started !== 1 && !(state as { parent?: unknown }).parent) problems.push(`${where}: instance.started ${started} times in the history`);
    const completedTaskEvents = countBy(events.filter((e) => e.type === 'task.completed'));
    for (const task of instanceTasks) {
      const times = completedTaskEvents.get(String(task['id'])) ?? 0;
      const expected = task['status'] === 'completed' ? 1 : 0;
      if (times !== expected) problems.push(`${where}: task ${String(task['id'])} (${String(task['status'])}) completed ${times} times in the history`);
    }
    for (const [elementInstanceId, times] of countBy(events.filter((e) => e.type === 'element.completed'))) {
      if (times > 1) problems.push(`${where}: element instance ${elementInstanceId} completed ${times} times in the history`);
      const element = state.elements?.[elementInstanceId];
      if (element !== undefined && element.status === 'active') problems.push(`${where}: element instance ${elementInstanceId} completed in the history but active in the state`);
    }
    for (const [elementInstanceId, times] of countBy(events.filter((e) => e.type === 'element.entered'))) {
      if (times > 1) problems.push(`${where}: element instance ${elementInstanceId} entered ${times} times in the history`);
    }

    if (state.status === 'completed' || state.status === 'terminated') {
      completed++;
      if (openTasks.size > 0) problems.push(`${where}: ended with ${openTasks.size} open tasks`);
      if (instanceJobs.length > 0) problems.push(`${where}: ended with ${instanceJobs.length} jobs`);
      if (row['ended_at'] === null || row['ended_at'] === undefined) problems.push(`${where}: ended without ended_at`);
      if (state.status === 'completed' && !events.some((e) => e.type === 'instance.completed')) problems.push(`${where}: completed without instance.completed in the history`);
    }
  }
  return {
    instances: instances.length,
    completed,
    openTasks: tasks.filter((t) => t['status'] === 'open').length,
    jobs: jobs.length,
    historyRows: history.length,
    problems,
  };
}

/** History rows hold one command's events as a JSON array (`batch`), or one event. */
export function readEvents(row: Record<string, unknown>): HistoryEvent[] {
  const data: unknown = typeof row['data'] === 'string' ? JSON.parse(row['data']) : row['data'];
  if (Array.isArray(data)) {
    return data.filter((e): e is HistoryEvent => typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string');
  }
  const elementId = row['element_id'];
  return [{ type: String(row['type']), elementId: typeof elementId === 'string' ? elementId : null, elementInstanceId: row['element_instance_id'] === null ? null : String(row['element_instance_id']) }];
}

function groupBy(rows: readonly Record<string, unknown>[], key: string): Map<string, Record<string, unknown>[]> {
  const map = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const value = String(row[key]);
    const list = map.get(value) ?? [];
    list.push(row);
    map.set(value, list);
  }
  return map;
}

function countBy(events: readonly HistoryEvent[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const event of events) {
    const id = event.elementInstanceId ?? '';
    map.set(id, (map.get(id) ?? 0) + 1);
  }
  return map;
}
