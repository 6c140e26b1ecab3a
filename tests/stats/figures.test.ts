import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import { openDatabase, type OpenedDatabase } from '../../runtime/persistence/open-database.js';
import { createTestDatabase, type TestDatabase } from '../../runtime/persistence/test-database.js';
import { evaluationScores } from '../../runtime/stats/evaluation-scores.js';
import { patrolCounts } from '../../runtime/stats/patrol-counts.js';
import { stepWaiting } from '../../runtime/stats/step-waiting.js';
import { insertCase, shanghai } from './case-history.js';
import { knownCases, knownNow } from './known-cases.js';

const calendar = createWorkingCalendar(defaultCalendarYears);
const hour = 3_600_000;

describe('evaluation scores, patrol counts and step waiting', () => {
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

  it('should give the property company\'s scores by dimension for the evaluated year', async () => {
    // given the concluded 2025 evaluation of c1
    // when
    const rows = await evaluationScores(opened.db, ['c1', 'c2']);

    // then
    expect(rows).toEqual([
      {
        community: 'c1',
        year: 2025,
        respondents: 12,
        scores: { security: 82.5, cleaning: 76, greening: 88.1, facilities: 70, service: 79.4 },
        overall: 79.2,
        conclusion: 'qualified',
        closedAt: '2026-02-27T09:00:00.000Z',
      },
    ]);
  });

  it('should count patrols by month and by building leader or volunteer', async () => {
    // given one volunteer patrol (closed) and one urgent building-leader patrol (open) in October
    // when
    const rows = await patrolCounts(opened.db, calendar, period);

    // then
    expect(rows).toEqual([
      { month: '2026-10', reporterRole: 'bl', reports: 1, urgent: 1, closed: 0 },
      { month: '2026-10', reporterRole: 'vol', reports: 1, urgent: 0, closed: 1 },
    ]);
  });

  it('should average the waiting time of each step, finished and still open', async () => {
    // given acceptance took 1 h (A), 27 h (B, late) and 1 h (D); C and E still wait
    // when
    const rows = await stepWaiting(opened.db, period, 'complaint');

    // then C waited 195 h and E 123 h at "now"
    expect(rows).toEqual([{ elementId: 'Task_Accept', name: null, completed: 3, avgWaitMs: Math.round((29 * hour) / 3), open: 2, avgOpenAgeMs: 159 * hour, late: 1 }]);
  });
});
