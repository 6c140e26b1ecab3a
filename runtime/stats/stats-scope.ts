import type { FastifyRequest } from 'fastify';
import { HttpError } from '../plugins/http-error.js';
import type { SqlTx } from '../persistence/sql-database.js';
import { isoDateToDayNumber } from '../../engine/calendar/index.js';
import { DAY_MS, SHANGHAI_OFFSET_MS } from './stats-calendar.js';
import type { StatsFilter } from './stats-filter.js';

/** Roles that see figures across the whole sub-district. */
const SUB_DISTRICT_ROLES = new Set(['street']);

export interface ScopeQuery {
  readonly from?: string;
  readonly to?: string;
  readonly communities?: string;
}

/** A Shanghai calendar date's midnight as epoch ms. */
function shanghaiMidnight(iso: string, field: string): number {
  const day = isoDateToDayNumber(iso);
  if (day === null) throw new HttpError(400, 'WF_STATS_BAD_DATE', `日期无效：${iso} / invalid date`, { field });
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/**
 * The communities and period a statistics request may read. Staff see their current community;
 * sub-district staff (`street`) may name several or `all`. Asking for another community is a
 * 403, never a silently narrower answer. Default period: the last 365 days to `now`.
 */
export async function statsFilter(request: FastifyRequest, query: ScopeQuery, db: SqlTx, now: number): Promise<StatsFilter> {
  const { userId, community, groups } = request.identity;
  if (userId === null) throw new HttpError(401, 'WF_UNAUTHENTICATED', '请先登录 / please sign in');
  const wide = groups.some((group) => SUB_DISTRICT_ROLES.has(group));
  const asked = (query.communities ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  let communities: string[];
  if (asked.length === 0) communities = [community];
  else if (wide && asked.includes('all')) {
    const rows = await db.all('SELECT id FROM id_community ORDER BY id');
    communities = rows.map((row) => String(row.id));
    if (!communities.includes(community)) communities.push(community);
  } else {
    const outside = asked.filter((c) => c !== community);
    if (outside.length > 0 && !wide) {
      throw new HttpError(403, 'WF_STATS_FORBIDDEN', `无权查看社区 ${outside.join(', ')} 的统计 / not allowed to see these communities' figures`, { communities: outside });
    }
    communities = [...new Set(asked)];
  }
  const to = query.to === undefined ? now : shanghaiMidnight(query.to, 'to') + DAY_MS;
  const from = query.from === undefined ? to - 365 * DAY_MS : shanghaiMidnight(query.from, 'from');
  if (from >= to) throw new HttpError(400, 'WF_STATS_BAD_PERIOD', '开始日期须早于结束日期 / the period must start before it ends', { from: query.from, to: query.to });
  if (to - from > 3 * 366 * DAY_MS) throw new HttpError(400, 'WF_STATS_BAD_PERIOD', '统计期间最长三年 / at most three years per query', { from: query.from, to: query.to });
  return { communities, from, to, now };
}

/** `a,b` → ['a', 'b'] (empty → undefined, meaning all). */
export function listParam(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return items.length === 0 ? undefined : items;
}
