import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CalendarDataError } from '../../../engine/calendar/index.js';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { calendarYearsOf, type CalendarYearInfo, type CalendarYears } from '../../services/calendar-years.js';
import { UnsupportedError } from '../../services/errors.js';
import { SqlWorkflowService } from '../../services/sql-workflow-service.js';
import { CalendarYearBodySchema, CalendarYearParamsSchema, CalendarYearSchema } from './calendar-schemas.js';

/** A year as the answer carries it (the calendar's lists are read-only). */
function answerOf(info: CalendarYearInfo) {
  return { ...info, holidays: [...info.holidays], workdays: [...info.workdays] };
}

/** How often this node looks for years uploaded on other nodes. */
const refreshMs = 60_000;

/**
 * The working-day calendar's years (engine/calendar): the shipped ones, `DATA_DIR/calendar`
 * files and uploads. The sub-district admin uploads next year's holidays and 调休 working days
 * when the State Council publishes them; due dates computed afterwards count them, with no
 * restart, on every node (stored in the database; other nodes look every minute).
 */
const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const years = (): CalendarYears => {
    const found = app.workflow instanceof SqlWorkflowService ? calendarYearsOf(app.workflow.db) : undefined;
    if (found === undefined) throw new UnsupportedError('calendar years');
    return found;
  };
  const tags = ['calendar'];

  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    const found = app.workflow instanceof SqlWorkflowService ? calendarYearsOf(app.workflow.db) : undefined;
    if (found === undefined) return;
    timer = setInterval(() => {
      void found.refresh().catch((error: unknown) => app.log.warn({ err: error }, 'calendar years refresh failed'));
    }, refreshMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));

  app.get(
    '/years',
    { schema: { tags, summary: '工作日历已有年份（内置与上传）/ the calendar years known: shipped, files and uploads', response: { 200: Type.Array(CalendarYearSchema), ...errorResponses(401, 403, 501) } } },
    async () => {
      const calendar = years();
      await calendar.refresh();
      return calendar.list().map(answerOf);
    },
  );

  app.put(
    '/years/:year',
    {
      schema: {
        tags,
        summary: '上传一年的节假日与调休安排（街道管理员）/ upload a year\'s holidays and moved working days (sub-district admin)',
        params: CalendarYearParamsSchema,
        body: CalendarYearBodySchema,
        response: { 200: CalendarYearSchema, ...errorResponses(400, 401, 403, 422, 501) },
      },
    },
    async (request) => {
      const { year } = request.params;
      if (request.body.year !== year) {
        throw new CalendarDataError([{ field: 'year', message: `正文的年份 ${request.body.year} 与路径 ${year} 不一致 / the body's year ${request.body.year} differs from the path's ${year}` }]);
      }
      return answerOf(await years().upload(request.body, requireActor(request).userId));
    },
  );
};

export default calendarRoutes;
