import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createWorkingCalendar, defaultCalendarYears, type WorkingCalendar } from '../../engine/calendar/index.js';
import type { SqlDatabase } from '../persistence/sql-database.js';
import { errorResponses } from '../schemas/common.js';
import type { CaseDimension } from './case-dimensions.js';
import { caseMeasures } from './case-measures.js';
import { caseTable, evaluationTable, patrolTable, stepTable, type ChartTable } from './chart-table.js';
import { evaluationScores } from './evaluation-scores.js';
import { monthlyReport } from './monthly-report.js';
import { patrolCounts } from './patrol-counts.js';
import { publicBoard } from './public-board.js';
import { listParam, statsFilter } from './stats-scope.js';
import {
  CaseMeasuresSchema,
  CasesQuerySchema,
  CommunityParamsSchema,
  EvaluationSchema,
  ExportQuerySchema,
  PatrolCountSchema,
  PublicBoardSchema,
  ReportQuerySchema,
  ScopeQuerySchema,
  StepWaitingSchema,
  StepsQuerySchema,
} from './stats-schemas.js';
import { stepWaiting } from './step-waiting.js';
import { toCsv, toXlsx } from './table-export.js';
import { communityNames, groupLabeller } from './stats-labels.js';
import { HttpError } from '../plugins/http-error.js';

export interface StatsRoutesOptions {
  /** The runtime's SQL path (the same database the workflow service writes). */
  readonly db: SqlDatabase;
  readonly calendar?: WorkingCalendar;
  readonly now?: () => number;
}

/**
 * Statistics for staff (`/api/stats/…`, the caller's communities only) and the monthly report.
 * Everything is read with SQL from the runtime's tables; nothing is kept in memory.
 */
export const statsRoutes: FastifyPluginAsyncTypebox<StatsRoutesOptions> = async (app, options) => {
  const { db } = options;
  const calendar = options.calendar ?? createWorkingCalendar(defaultCalendarYears);
  const now = options.now ?? Date.now;
  const tags = ['stats'];

  app.get(
    '/cases',
    { schema: { tags, summary: '办理情况统计（响应率、解决率、满意率、超期、平均办结工作日）/ case figures by a dimension', querystring: CasesQuerySchema, response: { 200: Type.Array(CaseMeasuresSchema), ...errorResponses(401, 403) } } },
    async (request) => {
      const filter = await statsFilter(request, request.query, db, now());
      const processKeys = listParam(request.query.processKey);
      return caseMeasures(db, calendar, { ...filter, ...(processKeys ? { processKeys } : {}) }, request.query.dimension ?? 'process');
    },
  );

  app.get(
    '/evaluations',
    { schema: { tags, summary: '物业服务评议得分（按维度、年度）/ property evaluation scores', querystring: ScopeQuerySchema, response: { 200: Type.Array(EvaluationSchema), ...errorResponses(401, 403) } } },
    async (request) => evaluationScores(db, (await statsFilter(request, request.query, db, now())).communities),
  );

  app.get(
    '/patrols',
    { schema: { tags, summary: '巡查上报次数 / patrol counts by month and reporter', querystring: ScopeQuerySchema, response: { 200: Type.Array(PatrolCountSchema), ...errorResponses(401, 403) } } },
    async (request) => patrolCounts(db, calendar, await statsFilter(request, request.query, db, now())),
  );

  app.get(
    '/steps',
    { schema: { tags, summary: '各环节平均等待时间（瓶颈）/ average waiting time per step', querystring: StepsQuerySchema, response: { 200: Type.Array(StepWaitingSchema), ...errorResponses(401, 403) } } },
    async (request) => stepWaiting(db, await statsFilter(request, request.query, db, now()), request.query.processKey),
  );

  app.get(
    '/export',
    { schema: { tags, summary: '导出图表数据（CSV/XLSX）/ export a chart\'s data', querystring: ExportQuerySchema, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: { 200: Type.Unknown({ description: 'CSV 或 XLSX 文件 / the file' }), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      const query = request.query;
      const filter = await statsFilter(request, query, db, now());
      let table: ChartTable;
      if (query.chart === 'cases') {
        const dimension: CaseDimension = query.dimension ?? 'process';
        const processKeys = listParam(query.processKey);
        const labels = groupLabeller(dimension, await communityNames(db));
        table = caseTable(await caseMeasures(db, calendar, { ...filter, ...(processKeys ? { processKeys } : {}) }, dimension), dimension, labels);
      } else if (query.chart === 'evaluations') {
        const names = await communityNames(db);
        table = evaluationTable(await evaluationScores(db, filter.communities), (id) => names.get(id) ?? id);
      } else if (query.chart === 'patrols') table = patrolTable(await patrolCounts(db, calendar, filter));
      else {
        const processKey = listParam(query.processKey)?.[0];
        if (processKey === undefined) throw new HttpError(400, 'WF_STATS_PROCESS_REQUIRED', '请指定流程 / processKey is required for steps', { field: 'processKey' });
        table = stepTable(await stepWaiting(db, filter, processKey));
      }
      const name = `${query.chart}-${new Date(filter.to - 1).toISOString().slice(0, 10)}`;
      if (query.format === 'xlsx') {
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(toXlsx(table));
      }
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(table));
    },
  );

  app.get(
    '/report/:community',
    { schema: { tags, summary: '社区月度报告（可打印 HTML）/ monthly report as printable HTML', params: CommunityParamsSchema, querystring: ReportQuerySchema, produces: ['text/html'], response: { 200: Type.Unknown({ description: 'HTML' }), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      await statsFilter(request, { communities: request.params.community }, db, now());
      const html = await monthlyReport(db, calendar, request.params.community, request.query.month, now());
      return reply.header('content-type', 'text/html; charset=utf-8').send(html);
    },
  );
};

export interface PublicBoardRoutesOptions {
  readonly db: SqlDatabase;
  readonly calendar?: WorkingCalendar;
  readonly now?: () => number;
}

/** The public board (公开栏), no sign-in: `/api/public/board/:community`. */
export const publicBoardRoutes: FastifyPluginAsyncTypebox<PublicBoardRoutesOptions> = async (app, options) => {
  const { db } = options;
  const calendar = options.calendar ?? createWorkingCalendar(defaultCalendarYears);
  const now = options.now ?? Date.now;
  app.get(
    '/:community',
    { schema: { tags: ['public'], summary: '社区公开栏（无需登录）/ a community\'s public board, no sign-in', params: CommunityParamsSchema, response: { 200: PublicBoardSchema, ...errorResponses(404) } } },
    async (request, reply) => {
      const exists = await db.get('SELECT id FROM id_community WHERE id = ?', [request.params.community]);
      if (exists === undefined) throw new HttpError(404, 'WF_BOARD_NOT_FOUND', '没有这个社区 / no such community', { community: request.params.community });
      void reply.header('cache-control', 'public, max-age=60');
      return publicBoard(db, calendar, request.params.community, now());
    },
  );
};
