/**
 * How long the statistics take on a year of a sub-district's data:
 * `npx tsx tests/stats/measure-year.ts [communities] [casesPerCommunity]` (DATABASE_URL for PostgreSQL).
 */
import { performance } from 'node:perf_hooks';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import { openDatabase } from '../../runtime/persistence/open-database.js';
import { createTestDatabase } from '../../runtime/persistence/test-database.js';
import { caseDimensions } from '../../runtime/stats/case-dimensions.js';
import { caseMeasures } from '../../runtime/stats/case-measures.js';
import { patrolCounts } from '../../runtime/stats/patrol-counts.js';
import { stepWaiting } from '../../runtime/stats/step-waiting.js';
import { shanghai } from './case-history.js';
import { generateYear } from './year-generator.js';

const communities = Number(process.argv[2] ?? 12);
const perCommunity = Number(process.argv[3] ?? 2500);
const testDb = await createTestDatabase();
const opened = await openDatabase(testDb.options);
try {
  const t0 = performance.now();
  const size = await generateYear(opened.db, communities, perCommunity);
  process.stdout.write(`${testDb.kind}: ${size.cases} cases, ${size.tasks} tasks written in ${Math.round(performance.now() - t0)} ms\n`);
  // A freshly bulk-loaded PostgreSQL table has no planner statistics yet (autovacuum would gather them soon).
  if (testDb.kind === 'postgresql') await opened.db.run('ANALYZE');
  const calendar = createWorkingCalendar(defaultCalendarYears);
  const all = Array.from({ length: communities }, (_, i) => `community-${String(i + 1).padStart(2, '0')}`);
  const year = { from: shanghai('2026-01-01T00:00:00'), to: shanghai('2027-01-01T00:00:00'), now: shanghai('2026-12-31T12:00:00') };
  const time = async (label: string, work: () => Promise<unknown>): Promise<void> => {
    await work(); // warm
    const runs = 3;
    const start = performance.now();
    for (let r = 0; r < runs; r++) await work();
    process.stdout.write(`${label}: ${((performance.now() - start) / runs).toFixed(1)} ms\n`);
  };
  for (const dimension of caseDimensions) {
    await time(`sub-district by ${dimension}`, () => caseMeasures(opened.db, calendar, { ...year, communities: all }, dimension));
  }
  await time('one community by month', () => caseMeasures(opened.db, calendar, { ...year, communities: [all[0] ?? ''] }, 'month'));
  await time('sub-district step waiting (complaint)', () => stepWaiting(opened.db, { ...year, communities: all }, 'complaint'));
  await time('sub-district patrol counts', () => patrolCounts(opened.db, calendar, { ...year, communities: all }));
} finally {
  await opened.db.close();
  await testDb.drop();
}
