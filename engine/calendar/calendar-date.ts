/**
 * Plain calendar-date arithmetic on ISO `YYYY-MM-DD` strings. Uses `Date.UTC` only as a
 * proleptic-Gregorian day counter (never the clock), so it is pure and zone-free.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date, or `null` when the text is not a real date. */
export function isoDateToDayNumber(iso: string): number | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 02-30 over into March; a real date maps back onto itself.
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Date.UTC maps years 0–99 onto 1900–1999; four-digit years below 1000 are not calendar data.
  if (year < 1000) return null;
  return Math.round(ms / DAY_MS);
}

/** Year, month (1–12) and day of a day number (proleptic Gregorian; integer arithmetic only). */
export function dayNumberToFields(dayNumber: number): { year: number; month: number; day: number } {
  // Days-to-civil conversion (H. Hinnant's algorithm), exact for every day number.
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The ISO date of a day number (see `isoDateToDayNumber`). */
export function dayNumberToIsoDate(dayNumber: number): string {
  const { year, month, day } = dayNumberToFields(dayNumber);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Day number of January 1st of a year. */
export function firstDayOfYear(year: number): number {
  return Math.round(Date.UTC(year, 0, 1) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const dow = dayOfWeek(dayNumber);
  return dow === 0 || dow === 6;
}

/** The year of an ISO date string (its first four digits). */
export function yearOfIsoDate(iso: string): number {
  return Number(iso.slice(0, 4));
}
