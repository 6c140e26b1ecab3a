import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWorkingCalendar, defaultCalendarYears, parseCalendarYear, type CalendarYear, type UpdatableWorkingCalendar } from '../../engine/calendar/index.js';
import { toNumber, toText, type SqlDatabase } from '../persistence/sql-database.js';

/** Where a year of the running calendar comes from (a later origin replaces an earlier one). */
export type CalendarYearOrigin = 'shipped' | 'file' | 'uploaded';

/** One known year as the administration page lists it. */
export interface CalendarYearInfo extends CalendarYear {
  readonly origin: CalendarYearOrigin;
  /** Who uploaded it, and when (ISO); null for shipped and file years. */
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
}

/**
 * The working-day calendar from the shipped years plus any year an administrator has put in
 * `<DATA_DIR>/calendar/cn-<year>.json` (the State Council publishes next year's dates each
 * November, before any package has them). A file replaces a shipped year of the same number. A
 * malformed file stops start-up with every problem named, rather than guessing.
 */
export async function loadWorkingCalendar(dataDir: string): Promise<UpdatableWorkingCalendar> {
  return createWorkingCalendar([...defaultCalendarYears, ...(await readCalendarFiles(dataDir))]);
}

async function readCalendarFiles(dataDir: string): Promise<CalendarYear[]> {
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
  return loaded;
}

interface Upload {
  readonly year: CalendarYear;
  readonly updatedBy: string;
  readonly updatedAt: number;
}

/** The running calendar of each opened database, for the routes that upload years into it. */
const byDatabase = new WeakMap<SqlDatabase, CalendarYears>();

/**
 * The working calendar of a running server: shipped years, then `DATA_DIR/calendar` files, then
 * years a sub-district admin uploaded (table `wf_calendar_year`, so every node has them). An
 * upload goes into the running calendar at once; other nodes take it at their next `refresh`.
 */
export class CalendarYears {
  private readonly origins = new Map<number, CalendarYearOrigin>();
  private readonly uploads = new Map<number, Upload>();

  private constructor(
    readonly calendar: UpdatableWorkingCalendar,
    private readonly db: SqlDatabase,
    private readonly now: () => number,
    fileYears: readonly number[],
  ) {
    for (const entry of defaultCalendarYears) this.origins.set(entry.year, 'shipped');
    for (const year of fileYears) this.origins.set(year, 'file');
  }

  /** Loads the files and the uploaded years; `calendarYearsOf(db)` finds the result afterwards. */
  static async open(dataDir: string, db: SqlDatabase, now: () => number = Date.now): Promise<CalendarYears> {
    const files = await readCalendarFiles(dataDir);
    const years = new CalendarYears(createWorkingCalendar([...defaultCalendarYears, ...files]), db, now, files.map((entry) => entry.year));
    await years.refresh();
    byDatabase.set(db, years);
    return years;
  }

  /**
   * Validates one year (every problem named: `CalendarDataError`, 422), stores it (replacing an
   * earlier upload of that year) and puts it into the running calendar.
   */
  async upload(json: unknown, by: string): Promise<CalendarYearInfo> {
    const year = parseCalendarYear(json);
    const updatedAt = this.now();
    await this.db.run(
      `INSERT INTO wf_calendar_year (year, data, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (year) DO UPDATE SET data = excluded.data, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [year.year, JSON.stringify(year), by, updatedAt],
    );
    this.take({ year, updatedBy: by, updatedAt });
    return this.info(year.year)!;
  }

  /** Takes uploads made on other nodes since the last look; returns how many years changed. */
  async refresh(): Promise<number> {
    const rows = await this.db.all('SELECT year, data, updated_by, updated_at FROM wf_calendar_year ORDER BY year');
    let changed = 0;
    for (const row of rows) {
      const updatedAt = toNumber(row.updated_at);
      const known = this.uploads.get(toNumber(row.year));
      if (known !== undefined && known.updatedAt >= updatedAt) continue;
      // validated before it was stored; parsed again so a hand-edited row cannot slip in bad dates
      this.take({ year: parseCalendarYear(JSON.parse(toText(row.data))), updatedBy: toText(row.updated_by), updatedAt });
      changed++;
    }
    return changed;
  }

  /** Every known year, oldest first. */
  list(): CalendarYearInfo[] {
    return this.calendar.years.map((year) => this.info(year)).filter((info): info is CalendarYearInfo => info !== undefined);
  }

  private take(upload: Upload): void {
    this.uploads.set(upload.year.year, upload);
    this.origins.set(upload.year.year, 'uploaded');
    this.calendar.addYear(upload.year);
  }

  private info(year: number): CalendarYearInfo | undefined {
    const data = this.calendar.yearData(year);
    if (data === undefined) return undefined;
    const upload = this.uploads.get(year);
    return {
      ...data,
      origin: this.origins.get(year) ?? 'shipped',
      updatedBy: upload?.updatedBy ?? null,
      updatedAt: upload === undefined ? null : new Date(upload.updatedAt).toISOString(),
    };
  }
}

/** The running calendar opened on this database (undefined for a service without one). */
export function calendarYearsOf(db: SqlDatabase): CalendarYears | undefined {
  return byDatabase.get(db);
}
