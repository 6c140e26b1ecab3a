import type { JsonObject } from '../../../engine/state/json.js';

/**
 * Fills `{{name}}` / `{{a.b}}` placeholders from variables. Plain lookup, no expressions: the
 * text is user-authored and is never evaluated.
 */
export function fillTemplate(text: string, variables: JsonObject): string {
  return text.replace(/\{\{\s*([\p{L}\p{N}_$.]+)\s*\}\}/gu, (_match, path: string) => {
    const value = lookup(variables, path);
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/**
 * The recipients a `users` / `groups` header names: comma-separated, each entry a fixed key or a
 * `{{variable}}` placeholder, so that a reminder reaches the party the case was dispatched to
 * (`{{handlerGroup}},rc`). A list variable gives one recipient per item; an empty one, none.
 */
export function recipientsOf(header: string | undefined, variables: JsonObject): string[] {
  return listOf(header).flatMap((entry) => {
    const whole = /^\{\{\s*([\p{L}\p{N}_$.]+)\s*\}\}$/u.exec(entry);
    const value = whole?.[1] === undefined ? undefined : lookup(variables, whole[1]);
    if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').flatMap((item) => listOf(item));
    return listOf(fillTemplate(entry, variables));
  });
}

function lookup(variables: JsonObject, path: string): unknown {
  let value: unknown = variables;
  for (const part of path.split('.')) {
    value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/** Splits a comma-separated header value into trimmed, non-empty entries. */
export function listOf(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
