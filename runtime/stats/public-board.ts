import type { WorkingCalendar } from '../../engine/calendar/index.js';
import { toNumber, toNumberOrNull, toTextOrNull, type SqlTx } from '../persistence/sql-database.js';
import { caseMeasures, type CaseMeasures } from './case-measures.js';
import { evaluationScores, type EvaluationScores } from './evaluation-scores.js';
import { stateNumberSql, stateTextSql } from './json-path-sql.js';
import { categoryVariables } from './case-dimensions.js';
import { placeholders } from './stats-filter.js';
import { isoOf, isoOrNull } from './iso-time.js';

/** A case as the public board shows it: what and where, never who. */
export interface BoardCase {
  readonly processKey: string;
  readonly category: string | null;
  readonly building: string | null;
  readonly status: 'handling' | 'closed' | 'cancelled';
  /** The newest public reply (`linli:public-reply:1` or a public comment), null until there is one. */
  readonly publicReply: string | null;
  /** ISO date-times. */
  readonly receivedAt: string;
  readonly closedAt: string | null;
}

/** A finished owners' vote as the template announced it. */
export interface BoardVote {
  readonly topic: string | null;
  readonly passed: boolean | null;
  readonly text: string | null;
  readonly participationAreaRatio: number | null;
  readonly participationOwnerRatio: number | null;
  readonly approvalAreaRatio: number | null;
  readonly approvalOwnerRatio: number | null;
  readonly announcedAt: string | null;
}

export interface PublicBoard {
  readonly community: string;
  readonly communityName: string | null;
  readonly cases: BoardCase[];
  /** Figures of the last twelve months. */
  readonly monthly: CaseMeasures[];
  readonly evaluations: EvaluationScores[];
  readonly votes: BoardVote[];
}

/** How many published cases the board lists (newest first). */
const BOARD_CASES = 100;

/**
 * The public board (公开栏) of one community. Built by naming the few columns it shows, so no
 * form field, name, phone, room or internal note can reach it: cases only when the submitter
 * ticked `consentPublic`, with category, building, status, public reply and dates.
 */
export async function publicBoard(db: SqlTx, calendar: WorkingCalendar, community: string, now: number): Promise<PublicBoard> {
  const nameRow = await db.get('SELECT name FROM id_community WHERE id = ?', [community]);
  const cases = await db.all(
    `SELECT p.id, p.process_key, p.status, p.started_at, p.ended_at,
  (SELECT MIN(v.text_value) FROM wf_instance_variable v WHERE v.instance_id = p.id AND v.name IN (${placeholders(categoryVariables)})) AS category,
  (SELECT MIN(v.num_value) FROM wf_instance_variable v WHERE v.instance_id = p.id AND v.name = 'building') AS building,
  (SELECT c.body FROM wf_comment c WHERE c.instance_id = p.id AND c.visibility = 'public' ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS public_reply
FROM wf_process_instance p
JOIN wf_instance_variable consent ON consent.instance_id = p.id AND consent.name = 'consentPublic' AND consent.text_value = 'true'
WHERE p.community = ?
ORDER BY p.started_at DESC, p.id DESC
LIMIT ${BOARD_CASES}`,
    [...categoryVariables, community],
  );
  const monthStart = new Date(now + 8 * 3_600_000);
  const from = Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - 11, 1) - 8 * 3_600_000;
  const monthly = await caseMeasures(db, calendar, { communities: [community], from, to: now + 1, now }, 'month');
  const evaluations = (await evaluationScores(db, [community])).filter((row) => row.conclusion !== null);
  const votes = await db.all(
    `SELECT p.ended_at,
  ${stateTextSql(db.dialect, ['variables', 'voteTopic'])} AS topic,
  ${stateTextSql(db.dialect, ['variables', 'voteResult', 'passed'])} AS passed,
  ${stateTextSql(db.dialect, ['variables', 'voteResult', 'text'])} AS text,
  ${stateNumberSql(db.dialect, ['variables', 'voteResult', 'participationAreaRatio'])} AS par,
  ${stateNumberSql(db.dialect, ['variables', 'voteResult', 'participationOwnerRatio'])} AS por,
  ${stateNumberSql(db.dialect, ['variables', 'voteResult', 'approvalAreaRatio'])} AS aar,
  ${stateNumberSql(db.dialect, ['variables', 'voteResult', 'approvalOwnerRatio'])} AS aor
FROM wf_process_instance p
WHERE p.community = ? AND p.process_key = 'owner-vote' AND p.status = 'completed'
ORDER BY p.ended_at DESC, p.id DESC
LIMIT 50`,
    [community],
  );
  return {
    community,
    communityName: nameRow === undefined ? null : toTextOrNull(nameRow.name),
    cases: cases.map((row) => ({
      processKey: String(row.process_key),
      category: toTextOrNull(row.category),
      building: row.building === null || row.building === undefined ? null : String(toNumber(row.building)),
      status: row.status === 'completed' ? 'closed' : row.status === 'terminated' ? 'cancelled' : 'handling',
      publicReply: toTextOrNull(row.public_reply),
      receivedAt: isoOf(toNumber(row.started_at)),
      closedAt: isoOrNull(toNumberOrNull(row.ended_at)),
    })),
    monthly,
    evaluations,
    votes: votes.map((row) => ({
      topic: toTextOrNull(row.topic),
      // SQLite's json_extract gives 1/0 for booleans, PostgreSQL's #>> gives 'true'/'false'
      passed: row.passed === null || row.passed === undefined ? null : row.passed === 1 || row.passed === 'true',
      text: toTextOrNull(row.text),
      participationAreaRatio: toNumberOrNull(row.par),
      participationOwnerRatio: toNumberOrNull(row.por),
      approvalAreaRatio: toNumberOrNull(row.aar),
      approvalOwnerRatio: toNumberOrNull(row.aor),
      announcedAt: isoOrNull(toNumberOrNull(row.ended_at)),
    })),
  };
}
