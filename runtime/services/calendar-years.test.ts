import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from './calendar-years.js';

async function dataDirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'linli-calendar-'));
  await mkdir(join(dir, 'calendar'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'calendar', name), text);
  return dir;
}

describe('working-day calendar of the runtime', () => {
  it('should know only the shipped years when an administrator has loaded none', async () => {
    // when
    const calendar = await loadWorkingCalendar(await dataDirWith({}));

    // then: 2027 is unknown, not guessed
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-01')).toBeUndefined();
  });

  it('should take a year an administrator put in DATA_DIR/calendar without a release', async () => {
    // given next year's notice, entered as data
    const year = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '国务院办公厅关于2027年部分节假日安排的通知' };

    // when
    const calendar = await loadWorkingCalendar(await dataDirWith({ 'cn-2027.json': JSON.stringify(year) }));

    // then
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
  });

  it('should stop with the file named when its content is broken', async () => {
    // given
    const dir = await dataDirWith({ 'cn-2027.json': '{ "year": 2027, "holidays": [' });

    // then
    await expect(loadWorkingCalendar(dir)).rejects.toThrow(/cn-2027\.json/);
  });
});
