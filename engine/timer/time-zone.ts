import { Temporal } from 'temporal-polyfill';

/**
 * The canonical IANA id for `id` (e.g. `asia/shanghai` → `Asia/Shanghai`), or null when no such
 * zone exists. Fixed offsets such as `+08:00` are valid zones too.
 */
export function canonicalTimeZone(id: string): string | null {
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(id).timeZoneId;
  } catch {
    return null;
  }
}
