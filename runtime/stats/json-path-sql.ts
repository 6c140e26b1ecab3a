import type { SqlDialect } from '../persistence/sql-database.js';

const segment = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * SQL reading a number from the instance state JSON (`p.state`) at a path of our own fixed
 * names (checked here, since they are inlined): SQLite's json_extract or PostgreSQL's jsonb.
 */
export function stateNumberSql(dialect: SqlDialect, path: readonly string[]): string {
  for (const part of path) if (!segment.test(part)) throw new Error(`bad JSON path segment ${part}`);
  if (dialect === 'sqlite') return `json_extract(p.state, '$.${path.join('.')}')`;
  return `(CASE WHEN jsonb_typeof(p.state::jsonb #> '{${path.join(',')}}') = 'number' THEN (p.state::jsonb #>> '{${path.join(',')}}')::float8 END)`;
}

/** Same, reading text. */
export function stateTextSql(dialect: SqlDialect, path: readonly string[]): string {
  for (const part of path) if (!segment.test(part)) throw new Error(`bad JSON path segment ${part}`);
  if (dialect === 'sqlite') return `json_extract(p.state, '$.${path.join('.')}')`;
  return `(p.state::jsonb #>> '{${path.join(',')}}')`;
}
