import { createWorkingCalendar, defaultCalendarYears, isoDateToDayNumber, workingDaysBetween } from '../../../engine/calendar/index.js';
import { shanghaiDate } from './shanghai-time.js';

// The same mainland-China calendar (holidays and 调休 make-up days) the engine schedules with.
const calendar = createWorkingCalendar(defaultCalendarYears);
const ignoreMissingYear = (): void => {};

export type DueState =
  | { readonly kind: 'none' }
  | { readonly kind: 'left'; readonly days: number }
  | { readonly kind: 'today' }
  | { readonly kind: 'overdue'; readonly days: number };

/**
 * How a due date reads to the person who must meet it: working days left in Shanghai, "today",
 * or working days overdue (0 when it passed earlier today).
 */
export function dueState(dueIso: string | null, now: Date): DueState {
  if (dueIso === null) return { kind: 'none' };
  const due = new Date(dueIso);
  if (Number.isNaN(due.getTime())) return { kind: 'none' };
  const today = isoDateToDayNumber(shanghaiDate(now));
  const dueDay = isoDateToDayNumber(shanghaiDate(due));
  if (today === null || dueDay === null) return { kind: 'none' };
  if (due.getTime() < now.getTime()) {
    const late = workingDaysBetween(calendar, dueDay, today, ignoreMissingYear) ?? 0;
    return { kind: 'overdue', days: Math.max(0, late) };
  }
  if (dueDay === today) return { kind: 'today' };
  return { kind: 'left', days: Math.max(0, workingDaysBetween(calendar, today, dueDay, ignoreMissingYear) ?? 0) };
}
