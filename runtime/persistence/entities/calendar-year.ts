import { EntitySchema } from '@mikro-orm/core';

/** One year of the working-day calendar as a sub-district admin uploaded it (replaces a shipped or file year). */
export interface CalendarYearRow {
  year: number;
  /** The validated year as JSON: `{ year, holidays, workdays, source? }`. */
  data: string;
  updatedBy: string;
  updatedAt: number;
}

export const calendarYearSchema = new EntitySchema<CalendarYearRow>({
  name: 'CalendarYear',
  tableName: 'wf_calendar_year',
  properties: {
    year: { type: 'integer', primary: true, autoincrement: false },
    data: { type: 'text' },
    updatedBy: { type: 'string', length: 128 },
    updatedAt: { type: 'bigint', columnType: 'bigint' },
  },
});
