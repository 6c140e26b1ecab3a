import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../../identity/testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../../identity/testing/identity-fixtures.js';
import { calendarYearsOf } from '../../services/calendar-years.js';

const bpmn = readFileSync(new URL('./fixtures/next-working-day.bpmn', import.meta.url), 'utf8');

/** 2027 as the State Council notice would give it (New Year's Day only, enough for the test). */
const year2027 = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '国务院办公厅关于2027年部分节假日安排的通知' };

interface YearAnswer {
  year: number;
  origin: string;
  holidays: string[];
  updatedBy: string | null;
}

describe('calendar year routes', () => {
  let t: IdentityTestApp;
  let dataDir: string;
  let office: BrowserSession;
  let chief: BrowserSession;
  let clerk: BrowserSession;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linli-calendar-routes-'));
    mkdirSync(join(dataDir, 'calendar'));
    writeFileSync(join(dataDir, 'calendar', 'cn-2029.json'), JSON.stringify({ year: 2029, holidays: ['2029-01-01'], workdays: [] }));
    t = await buildIdentityTestApp({ workflowOptions: { dataDir } });
    // Thursday 31 December 2026, 10:00 in Shanghai: the next working day is in 2027
    t.harness.clock.value = Date.parse('2026-12-31T10:00:00+08:00');
    await givenCommunity(t.identity, 'demo');
    await givenUser(t.identity, { id: 'office', subDistrictAdmin: true });
    await givenUser(t.identity, { id: 'chief', roles: { demo: ['admin'] } });
    await givenUser(t.identity, { id: 'clerk', roles: { demo: ['rc'] } });
    [office, chief, clerk] = [await signIn(t.app, 'office'), await signIn(t.app, 'chief'), await signIn(t.app, 'clerk')];
    await t.workflow.deployDefinition({ community: 'demo', userId: 'chief', kind: 'bpmn', content: bpmn });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (year: number, payload: unknown, as = office) => t.app.inject({ method: 'PUT', url: `/api/calendar/years/${year}`, headers: as.headers, payload: payload as object });
  const years = async (as = clerk) => (await t.app.inject({ method: 'GET', url: '/api/calendar/years', headers: as.headers })).json() as YearAnswer[];
  const dueOfNewCase = async (): Promise<string> => {
    const started = await t.workflow.startInstance({ community: 'demo', userId: 'clerk', processKey: 'next_working_day' });
    const [task] = (await t.workflow.queryTasks({ community: 'demo', instanceId: started.id })).items;
    return new Date(Date.parse(task?.dueDate ?? '')).toISOString();
  };

  it('should list the shipped years and the DATA_DIR file years for staff', async () => {
    const listed = await years();
    expect(listed.map(({ year, origin }) => ({ year, origin }))).toEqual([
      { year: 2025, origin: 'shipped' },
      { year: 2026, origin: 'shipped' },
      { year: 2029, origin: 'file' },
    ]);
  });

  it('should count an uploaded year in due dates computed after the upload, with no restart', async () => {
    // given 2027 unknown: New Year's Day counts as a working day (weekend rule)
    expect(await dueOfNewCase()).toBe(new Date('2027-01-01T10:00:00+08:00').toISOString());
    // when the sub-district admin uploads 2027
    const response = await upload(2027, year2027);
    // then the next case's due date skips 1 January and the weekend
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ year: 2027, origin: 'uploaded', holidays: ['2027-01-01'], updatedBy: 'office' });
    expect(await dueOfNewCase()).toBe(new Date('2027-01-04T10:00:00+08:00').toISOString());
    expect(await years()).toContainEqual(expect.objectContaining({ year: 2027, origin: 'uploaded', source: year2027.source }));
    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit', headers: office.headers })).json() as { items: { action: string; actor: string; target: string | null; data: Record<string, unknown> }[] };
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'calendar.upload', actor: 'user:office', target: '2027', data: expect.objectContaining({ year: 2027, holidays: 1, workdays: 0 }) }));
  });

  it('should give every node the uploaded years: at start, and at its next refresh', async () => {
    // given a second node on the same database, started after the 2027 upload
    const other = await t.harness.open({ dataDir });
    const otherYears = calendarYearsOf(other.db);
    expect(otherYears?.calendar.isWorkingDay('2027-01-01')).toBe(false);
    // when 2028 is uploaded on this node
    expect((await upload(2028, { year: 2028, holidays: ['2028-01-03'], workdays: [] })).statusCode).toBe(200);
    // then the other node has it after its refresh
    expect(otherYears?.calendar.isWorkingDay('2028-01-03')).toBeUndefined();
    expect(await otherYears?.refresh()).toBe(1);
    expect(otherYears?.calendar.isWorkingDay('2028-01-03')).toBe(false);
  });

  it('should refuse bad dates with 422 naming each one, and keep the year as it was', async () => {
    // when
    const response = await upload(2027, { year: 2027, holidays: ['2027-02-30', '2028-01-01'], workdays: ['2027-01-05'] });
    // then
    expect(response.statusCode).toBe(422);
    const problems = (response.json() as { details: { problems: { field: string; message: string }[] } }).details.problems;
    expect(problems.map((problem) => problem.field)).toEqual(['holidays[0]', 'holidays[1]', 'workdays']);
    expect(problems[0]?.message).toContain('2027-02-30');
    expect(problems[2]?.message).toContain('2027-01-05');
    expect(await dueOfNewCase()).toBe(new Date('2027-01-04T10:00:00+08:00').toISOString());
  });

  it('should refuse a body whose year differs from the path (422) or whose shape is wrong (400)', async () => {
    const mismatch = await upload(2030, year2027);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('2030');
    const wrongType = await upload(2030, { year: 2030, holidays: '2030-01-01', workdays: [] });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.body).toContain('holidays');
    expect((await years()).map((entry) => entry.year)).not.toContain(2030);
  });

  it('should let only the sub-district admin upload, and staff read', async () => {
    expect((await upload(2030, { year: 2030, holidays: [], workdays: [] }, chief)).statusCode).toBe(403);
    expect((await upload(2030, { year: 2030, holidays: [], workdays: [] }, clerk)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2030', payload: { year: 2030, holidays: [], workdays: [] } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/years' })).statusCode).toBe(401);
    expect((await years()).map((entry) => entry.year)).not.toContain(2030);
  });
});
