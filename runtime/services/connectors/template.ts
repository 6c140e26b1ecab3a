import type { JsonObject } from '../../../engine/state/json.js';

/**
 * Fills `{{name}}` / `{{a.b}}` placeholders from variables. Plain lookup, no expressions: the
 * text is user-authored and is never evaluated.
 */
export function fillTemplate(text: string, variables: JsonObject): string {
  return text.replace(/\{\{\s*([\p{L}\p{N}_$.]+)\s*\}\}/gu, (_match, path: string) => {
    let value: unknown = variables;
    for (const part of path.split('.')) {
      value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** Splits a comma-separated header value into trimmed, non-empty entries. */
export function listOf(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
