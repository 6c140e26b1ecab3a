import { toNumberOrNull, toTextOrNull, type SqlTx } from '../persistence/sql-database.js';
import { placeholders } from './stats-filter.js';
import { isoOrNull } from './iso-time.js';
import { stateNumberSql, stateTextSql } from './json-path-sql.js';

/** The property-evaluation template's scoring dimensions (property-evaluation-score form). */
export const evaluationDimensions = ['security', 'cleaning', 'greening', 'facilities', 'service'] as const;
export type EvaluationDimension = (typeof evaluationDimensions)[number];

/** One year's property-company evaluation in one community, averages as the template computed them. */
export interface EvaluationScores {
  readonly community: string;
  readonly year: number | null;
  readonly respondents: number | null;
  readonly scores: Record<EvaluationDimension, number | null>;
  readonly overall: number | null;
  /** The meeting's conclusion (`qualified` / `unqualified` …); null until it is decided. */
  readonly conclusion: string | null;
  /** ISO date-time the evaluation closed. */
  readonly closedAt: string | null;
}

/**
 * Scores by dimension and year from finished or concluded `property-evaluation` cases: the
 * template leaves the averages in its `evaluation` object (state JSON, read with the database's
 * JSON functions) and the year in `evaluationYear`. A handful of rows per community per year.
 */
export async function evaluationScores(db: SqlTx, communities: readonly string[], processKey = 'property-evaluation'): Promise<EvaluationScores[]> {
  const columns = evaluationDimensions.map((dimension) => `${stateNumberSql(db.dialect, ['variables', 'evaluation', dimension])} AS ${dimension}`).join(',\n  ');
  const rows = await db.all(
    `SELECT p.community, p.ended_at,
  ${stateNumberSql(db.dialect, ['variables', 'evaluationYear'])} AS year,
  ${stateNumberSql(db.dialect, ['variables', 'evaluation', 'respondents'])} AS respondents,
  ${stateNumberSql(db.dialect, ['variables', 'evaluation', 'overall'])} AS overall,
  ${stateTextSql(db.dialect, ['variables', 'conclusion'])} AS conclusion,
  ${columns}
FROM wf_process_instance p
WHERE p.community IN (${placeholders(communities)}) AND p.process_key = ? AND p.status <> 'terminated'
  AND ${stateNumberSql(db.dialect, ['variables', 'evaluation', 'overall'])} IS NOT NULL`,
    [...communities, processKey],
  );
  return rows
    .map((row) => ({
      community: String(row.community),
      year: toNumberOrNull(row.year),
      respondents: toNumberOrNull(row.respondents),
      scores: Object.fromEntries(evaluationDimensions.map((dimension) => [dimension, toNumberOrNull(row[dimension])])) as Record<EvaluationDimension, number | null>, // keys from the same list
      overall: toNumberOrNull(row.overall),
      conclusion: toTextOrNull(row.conclusion),
      closedAt: isoOrNull(toNumberOrNull(row.ended_at)),
    }))
    .sort((a, b) => (a.community === b.community ? (a.year ?? 0) - (b.year ?? 0) : a.community < b.community ? -1 : 1));
}
