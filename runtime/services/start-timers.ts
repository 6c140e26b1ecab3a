import type { WorkingCalendar } from '../../engine/calendar/working-calendar.js';
import type { ExecutableModel } from '../../engine/model/executable-model.js';
import { nextFiring, parseTimer, type TimerSchedule } from '../../engine/timer/index.js';
import { toNumber, toText, type SqlDatabase, type SqlTx } from '../persistence/sql-database.js';

/**
 * Timer start events ("every year on 1 December, start the property-company evaluation"): rows
 * of kind `start-timer` in the job table, one per timer start event of the latest version of a
 * process in a community. Deploying a new version replaces them; firing one starts a case and
 * re-arms a cycle, in one transaction, so a restart fires a due one once.
 */
export const START_TIMER_KIND = 'start-timer';

const INSERT = `INSERT INTO wf_job (id, community, instance_id, definition_id, process_key, kind, type, element_id, element_instance_id,
  status, retries, due_at, lock_owner, lock_expires_at, payload, error_message, created_at)
  VALUES (?, ?, '', ?, ?, '${START_TIMER_KIND}', 'timer', ?, '', 'active', 0, ?, NULL, NULL, ?, NULL, ?)`;

export interface DueStartTimer {
  readonly id: string;
  readonly community: string;
  readonly definitionId: string;
  readonly processKey: string;
  readonly startEventId: string;
  readonly dueAt: number;
  readonly schedule: TimerSchedule;
}

/** Replaces the start timers of `processKey` in `community` with those of the newly deployed model. */
export async function armStartTimers(
  tx: SqlTx,
  spec: { community: string; processKey: string; definitionId: string; model: ExecutableModel; now: number; newId: () => string; calendar: WorkingCalendar },
): Promise<void> {
  await tx.run(`DELETE FROM wf_job WHERE kind = '${START_TIMER_KIND}' AND community = ? AND process_key = ?`, [spec.community, spec.processKey]);
  const process = spec.model.processes.get(spec.processKey);
  if (!process) return;
  for (const id of process.scope.startEventIds) {
    const def = process.elements.get(id);
    if (def?.kind !== 'startEvent' || def.event.kind !== 'timer') continue;
    const { type, value } = def.event.timer;
    // A start timer has no instance yet: FEEL in it reads no variables, only the clock.
    const text =
      value.kind === 'static'
        ? value.value
        : value.expression.evaluate(() => undefined, { now: spec.now, timeZone: 'Asia/Shanghai', calendar: spec.calendar, warn: () => {} });
    const schedule = parseTimer(type, String(text), spec.now);
    await insert(tx, spec.newId(), spec.community, spec.definitionId, spec.processKey, id, schedule, spec.now);
  }
}

/** Due start timers, locked for this node like other jobs. */
export async function acquireDueStartTimers(db: SqlDatabase, now: number, nodeId: string, lockMs: number): Promise<DueStartTimer[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.all(
      `SELECT id, community, definition_id, process_key, element_id, due_at, payload FROM wf_job
       WHERE kind = '${START_TIMER_KIND}' AND status = 'active' AND due_at <= ? AND (lock_expires_at IS NULL OR lock_expires_at <= ?)
       ORDER BY due_at LIMIT 16${db.forUpdateSkipLocked}`,
      [now, now],
    );
    for (const row of rows) await tx.run('UPDATE wf_job SET lock_owner = ?, lock_expires_at = ? WHERE id = ?', [nodeId, now + lockMs, toText(row.id)]);
    return rows.map((row) => ({
      id: toText(row.id),
      community: toText(row.community),
      definitionId: toText(row.definition_id),
      processKey: toText(row.process_key),
      startEventId: toText(row.element_id),
      dueAt: toNumber(row.due_at),
      schedule: (JSON.parse(toText(row.payload)) as { schedule: TimerSchedule }).schedule,
    }));
  });
}

/**
 * Takes a due start timer out of the table (false when another node or an earlier delivery took
 * it) and puts the cycle's next firing back.
 */
export async function consumeStartTimer(tx: SqlTx, timer: DueStartTimer, now: number, newId: () => string): Promise<boolean> {
  const removed = await tx.run(`DELETE FROM wf_job WHERE id = ? AND kind = '${START_TIMER_KIND}' AND due_at = ?`, [timer.id, timer.dueAt]);
  if (removed === 0) return false;
  const next = nextFiring(timer.schedule, now);
  if (next) await insert(tx, newId(), timer.community, timer.definitionId, timer.processKey, timer.startEventId, next, now);
  return true;
}

async function insert(tx: SqlTx, id: string, community: string, definitionId: string, processKey: string, startEventId: string, schedule: TimerSchedule, now: number): Promise<void> {
  await tx.run(INSERT, [id, community, definitionId, processKey, startEventId, schedule.dueAt, JSON.stringify({ schedule }), now]);
}
