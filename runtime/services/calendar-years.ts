import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWorkingCalendar, defaultCalendarYears, parseCalendarYear } from '../../engine/calendar/index.js';
import type { CalendarYear, WorkingCalendar } from '../../engine/calendar/working-calendar.js';

/**
 * The working-day calendar: the shipped years plus any year an administrator has put in
 * `<DATA_DIR>/calendar/cn-<year>.json` (the State Council publishes next year's dates each
 * November, before any package has them). A file replaces a shipped year of the same number. A
 * malformed file stops start-up with every problem named, rather than guessing.
 */
export async function loadWorkingCalendar(dataDir: string): Promise<WorkingCalendar> {
  const folder = join(dataDir, 'calendar');
  const names = await readdir(folder).catch(() => [] as string[]);
  const loaded: CalendarYear[] = [];
  for (const name of names.filter((n) => /^cn-\d{4}\.json$/.test(n)).sort()) {
    const text = await readFile(join(folder, name), 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`节假日数据文件 ${name} 不是有效的 JSON / calendar file ${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    loaded.push(parseCalendarYear(json));
  }
  return createWorkingCalendar([...defaultCalendarYears, ...loaded]);
}
