import { FeelDateTime } from 'feelin';
import type { JsonValue } from '../state/json.js';

const FIXED_ZONE = /^(UTC|Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;

/**
 * Turns a FEEL result into plain JSON: temporal values become ISO 8601 text (dates
 * `2026-10-10`, date-times with their offset `2026-10-10T10:30:00+08:00` or `Z`, local date-times
 * without one, durations `P3D`), functions and ranges (which cannot be stored) become null.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object': {
      if (Array.isArray(value)) return value.map(toJsonValue);
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) {
        const out: { [key: string]: JsonValue } = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJsonValue(v);
        return out;
      }
      if (value instanceof FeelDateTime) return dateTimeText(value);
      // feelin's other temporal classes (FeelDate, FeelTime, FeelDuration) print as ISO 8601.
      if ('toJSON' in value && typeof (value as { toJSON: unknown }).toJSON === 'function') {
        return toJsonValue((value as { toJSON: () => unknown }).toJSON());
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * feelin prints a date-time in a named zone as `…@Asia/Shanghai`, which is not ISO 8601 and which
 * other systems cannot read; store it with the zone's offset at that instant instead.
 */
function dateTimeText(value: FeelDateTime): string {
  const zone = value.zone;
  if (zone === null || FIXED_ZONE.test(zone)) return value.toJSON();
  try {
    const zoned = value.unwrap().toZonedDateTime(zone);
    return `${zoned.toPlainDateTime().toString()}${zoned.offset}`;
  } catch {
    return value.toJSON();
  }
}
