import { addWorkingDays, createWorkingCalendar, dayNumberToIsoDate, defaultCalendarYears, isoDateToDayNumber } from '../../engine/calendar/index.js';
import type { SqlDatabase } from '../../runtime/persistence/sql-database.js';
import { insertCase, shanghai, type CaseSpec, type TaskSpec } from './case-history.js';

const calendar = createWorkingCalendar(defaultCalendarYears);
const hour = 3_600_000;

/** A small seeded generator (mulberry32): the same year every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function dueAfter(at: number, workingDays: number): number {
  const day = Math.floor((at + 8 * hour) / 86_400_000);
  const due = addWorkingDays(calendar, day, workingDays, () => undefined) ?? day + workingDays;
  return shanghai(`${dayNumberToIsoDate(due)}T18:00:00`);
}

/**
 * A year of a sub-district: `communities` communities × `casesPerCommunity` cases (complaints,
 * opinions, patrols) started through 2026, with 1–5 user tasks each and the variables the
 * templates record. Returns the number of cases and tasks written.
 */
export async function generateYear(db: SqlDatabase, communities: number, casesPerCommunity: number, seed = 7): Promise<{ cases: number; tasks: number }> {
  const next = random(seed);
  const yearStart = isoDateToDayNumber('2026-01-01') ?? 0;
  let tasks = 0;
  for (let c = 1; c <= communities; c++) {
    const community = `community-${String(c).padStart(2, '0')}`;
    await db.transaction(async (tx) => {
      for (let i = 0; i < casesPerCommunity; i++) {
        const startedAt = shanghai(`${dayNumberToIsoDate(yearStart + Math.floor(next() * 330))}T08:00:00`) + Math.floor(next() * 10 * hour);
        const processKey = pick(next, ['complaint', 'complaint', 'complaint', 'opinion', 'patrol-report']);
        const steps = ['Task_Accept', 'Task_Dispatch', 'Task_Handle', 'Task_Reply', 'Task_Revisit'];
        const reached = 1 + Math.floor(next() * 5);
        const taskSpecs: TaskSpec[] = [];
        let at = startedAt;
        for (let s = 0; s < reached; s++) {
          const elementId = steps[s] ?? 'Task_Handle';
          const wait = Math.floor(next() * (s === 2 ? 120 : 30) * hour);
          const last = s === reached - 1 && reached < 5;
          taskSpecs.push(last ? { elementId, createdAt: at, dueAt: dueAfter(at, s === 2 ? 5 : 1) } : { elementId, createdAt: at, dueAt: dueAfter(at, s === 2 ? 5 : 1), completedAt: at + wait });
          at += wait;
        }
        const closed = reached === 5;
        const spec: CaseSpec = {
          id: `${community}-${i}`,
          community,
          processKey,
          status: closed ? 'completed' : next() < 0.03 ? 'terminated' : 'active',
          startedAt,
          ...(closed ? { endedAt: at } : {}),
          variables: {
            category: pick(next, ['repair', 'noise', 'parking', 'greening', 'sanitation', 'other']),
            building: 1 + Math.floor(next() * 40),
            handlerGroup: pick(next, ['pm', 'pm', 'rc', 'oc']),
            consentPublic: next() < 0.5,
            complainantName: '居民',
            phone: '13800000000',
            ...(closed ? { satisfaction: pick(next, ['satisfied', 'satisfied', 'basic', 'unsatisfied']) } : {}),
            ...(next() < 0.08 ? { overdue: true } : {}),
            ...(processKey === 'patrol-report' ? { reporterRole: pick(next, ['bl', 'vol', 'vol']), urgent: next() < 0.1 } : {}),
          },
          tasks: taskSpecs,
        };
        tasks += taskSpecs.length;
        await insertCase(tx, spec);
      }
    });
  }
  return { cases: communities * casesPerCommunity, tasks };
}
