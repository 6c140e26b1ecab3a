import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import { openDatabase, type OpenedDatabase } from '../../runtime/persistence/open-database.js';
import { createTestDatabase, type TestDatabase } from '../../runtime/persistence/test-database.js';
import { caseMeasures } from '../../runtime/stats/case-measures.js';
import { insertCase, shanghai } from './case-history.js';
import { knownCases, knownNow } from './known-cases.js';

const calendar = createWorkingCalendar(defaultCalendarYears);

describe('caseMeasures', () => {
  let testDb: TestDatabase;
  let opened: OpenedDatabase;
  const period = { communities: ['c1'], from: shanghai('2026-09-01T00:00:00'), to: shanghai('2026-11-01T00:00:00'), now: knownNow };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    opened = await openDatabase(testDb.options);
    for (const spec of knownCases) await insertCase(opened.db, spec);
  });

  afterAll(async () => {
    await opened.db.close();
    await testDb.drop();
  });

  it('should compute the complaint figures of a community by hand-checked counts', async () => {
    // given the known cases of community c1
    // when the figures are grouped by process
    const rows = await caseMeasures(opened.db, calendar, period, 'process');

    // then the complaint row matches the counts worked out by hand
    const complaint = rows.find((row) => row.group === 'complaint');
    expect(complaint).toEqual({
      group: 'complaint',
      cases: 6,
      closed: 3,
      cancelled: 1,
      responseMeasured: 4,
      respondedInTime: 2,
      responseRate: 0.5,
      solved: 2,
      resolutionRate: 0.6667,
      rated: 3,
      satisfied: 1,
      satisfactionRate: 0.3333,
      overdue: 1,
      avgWorkingDaysToClose: 1.33,
    });
    expect(rows.find((row) => row.group === 'patrol-report')).toMatchObject({ cases: 2, closed: 1, rated: 0, resolutionRate: null, avgWorkingDaysToClose: 1 });
  });

  it('should count the National Day holiday and the Saturday make-up day when counting working days', async () => {
    // given cases A (09-30 → 10-09 over the holiday) and B (Fri 10-09 → Mon 10-12 over 调休 Saturday)
    // when grouped by category and building
    const byCategory = await caseMeasures(opened.db, calendar, { ...period, processKeys: ['complaint'] }, 'category');
    const byBuilding = await caseMeasures(opened.db, calendar, { ...period, processKeys: ['complaint'] }, 'building');

    // then A and D (repair) average (2 + 0) / 2 working days, B (noise) took 2
    expect(byCategory.find((row) => row.group === 'repair')).toMatchObject({ cases: 3, closed: 2, avgWorkingDaysToClose: 1 });
    expect(byCategory.find((row) => row.group === 'noise')).toMatchObject({ cases: 1, avgWorkingDaysToClose: 2, overdue: 1 });
    expect(byBuilding.map((row) => [row.group, row.cases])).toEqual([
      [null, 1],
      ['3', 3],
      ['5', 1],
      ['7', 1],
    ]);
  });

  it('should group by month, handling party and community only within the caller\'s communities', async () => {
    // given cases in c1 and one in c2
    // when grouped by month, handler, community
    const byMonth = await caseMeasures(opened.db, calendar, period, 'month');
    const byHandler = await caseMeasures(opened.db, calendar, { ...period, processKeys: ['complaint'] }, 'handler');
    const both = await caseMeasures(opened.db, calendar, { ...period, communities: ['c1', 'c2'] }, 'community');

    // then
    expect(byMonth.map((row) => [row.group, row.cases])).toEqual([
      ['2026-09', 1],
      ['2026-10', 7],
    ]);
    expect(byHandler.map((row) => [row.group, row.cases, row.solved])).toEqual([
      [null, 3, 0],
      ['pm', 2, 1],
      ['rc', 1, 1],
    ]);
    expect(both.map((row) => [row.group, row.cases])).toEqual([
      ['c1', 8],
      ['c2', 1],
    ]);
  });

  it('should leave out cases started outside the period', async () => {
    // given a period that starts on 10-10
    // when
    const rows = await caseMeasures(opened.db, calendar, { ...period, from: shanghai('2026-10-10T00:00:00') }, 'community');

    // then A (09-30) and B (10-09) are not counted
    expect(rows).toEqual([expect.objectContaining({ group: 'c1', cases: 6 })]);
  });
});
