import type { JsonValue } from '../state/json.js';

/**
 * Turns a FEEL result into plain JSON: temporal values become their ISO text, functions and
 * ranges (which cannot be stored) become null.
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
      // feelin's temporal classes (FeelDate, FeelDateTime, FeelDuration, …) print as ISO 8601.
      if ('toJSON' in value && typeof (value as { toJSON: unknown }).toJSON === 'function') {
        return toJsonValue((value as { toJSON: () => unknown }).toJSON());
      }
      return null;
    }
    default:
      return null;
  }
}
