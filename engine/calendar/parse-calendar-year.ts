import { CalendarDataError, type CalendarDataProblem } from './calendar-data-error.js';
import { isoDateToDayNumber, isWeekend, yearOfIsoDate } from './calendar-date.js';
import type { CalendarYear } from './working-calendar.js';

/**
 * Validates one year of calendar data from an untrusted source (an admin's upload of next
 * year's State Council dates): `{ year, holidays: [ISO dates], workdays: [ISO dates], source? }`.
 * Collects every problem and throws `CalendarDataError`; returns sorted, de-duplicated data.
 */
export function parseCalendarYear(json: unknown): CalendarYear {
  const problems: CalendarDataProblem[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CalendarDataError([{ field: '(root)', message: '数据必须是一个 JSON 对象 / the data must be a JSON object' }]);
  }
  const record = json as Record<string, unknown>; // narrowed above: a non-array object

  const year = record['year'];
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1949 && year <= 9999;
  if (!yearOk) {
    problems.push({ field: 'year', message: `year 必须是四位整数年份，收到 ${JSON.stringify(year)} / year must be a four-digit integer year, got ${JSON.stringify(year)}` });
  }

  const holidays = readDates(record, 'holidays', yearOk ? year : null, problems);
  const workdays = readDates(record, 'workdays', yearOk ? year : null, problems);

  const holidaySet = new Set(holidays);
  for (const date of workdays) {
    if (holidaySet.has(date)) {
      problems.push({ field: 'workdays', message: `${date} 同时出现在 holidays 和 workdays 中 / ${date} is listed both as a holiday and as a working day` });
    }
  }
  for (const date of workdays) {
    const dayNumber = isoDateToDayNumber(date);
    if (dayNumber !== null && !isWeekend(dayNumber)) {
      problems.push({ field: 'workdays', message: `${date} 不是周末，无需列为调休上班日 / ${date} is not a Saturday or Sunday, so it cannot be a moved working day` });
    }
  }

  const source = record['source'];
  if (source !== undefined && typeof source !== 'string') {
    problems.push({ field: 'source', message: 'source 必须是文本（如国务院办公厅通知的标题）/ source must be text (e.g. the State Council notice title)' });
  }

  if (problems.length > 0 || !yearOk) throw new CalendarDataError(problems);
  const result: CalendarYear = { year, holidays: [...holidaySet].sort(), workdays: [...new Set(workdays)].sort() };
  return typeof source === 'string' ? { ...result, source } : result;
}

function readDates(record: Record<string, unknown>, field: 'holidays' | 'workdays', year: number | null, problems: CalendarDataProblem[]): string[] {
  const value = record[field];
  if (!Array.isArray(value)) {
    problems.push({ field, message: `${field} 必须是日期列表（YYYY-MM-DD）/ ${field} must be a list of dates (YYYY-MM-DD)` });
    return [];
  }
  const dates: string[] = [];
  value.forEach((item: unknown, index) => {
    const at = `${field}[${index}]`;
    if (typeof item !== 'string' || isoDateToDayNumber(item) === null) {
      problems.push({ field: at, message: `${at} 不是有效日期：${JSON.stringify(item)}（应为 YYYY-MM-DD）/ ${at} is not a valid date: ${JSON.stringify(item)} (expected YYYY-MM-DD)` });
      return;
    }
    if (year !== null && yearOfIsoDate(item) !== year) {
      problems.push({ field: at, message: `${at} 的日期 ${item} 不在 ${year} 年内 / ${at}: ${item} is not in ${year}` });
      return;
    }
    dates.push(item);
  });
  return dates;
}
