import type { JsonValue } from './json.js';

/** Deep copy of plain JSON data; several times faster than structuredClone on small states. */
export function cloneJson<T extends JsonValue | object>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: JsonValue) => cloneJson(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    copy[key] = item !== null && typeof item === 'object' ? cloneJson(item as object) : item;
  }
  // Same shape as the input: plain JSON in, plain JSON out.
  return copy as T;
}
