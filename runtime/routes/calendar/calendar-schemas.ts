import { Type } from 'typebox';
import { Nullable, strictObject, StringEnum } from '../../schemas/common.js';

export const CalendarYearParamsSchema = strictObject({ year: Type.Integer({ minimum: 1949, maximum: 9999, description: '年份 / the year' }) });

const Dates = (description: string) => Type.Array(Type.String({ description: 'YYYY-MM-DD' }), { maxItems: 366, description });

/**
 * One year as the State Council notice gives it. Only the JSON types are checked here; the dates
 * themselves (valid, inside the year, weekends for moved working days, never both) are checked
 * by `parseCalendarYear`, which answers 422 naming each bad date.
 */
export const CalendarYearBodySchema = strictObject({
  year: Type.Integer({ description: '年份，须与路径一致 / the year, as in the path' }),
  holidays: Dates('放假日（含假期中的周末）/ every day off of each holiday period, weekend days within it included'),
  workdays: Dates('调休上班的周六、周日 / Saturdays and Sundays that are worked (调休)'),
  source: Type.Optional(Type.String({ maxLength: 500, description: '出处，如国务院办公厅通知标题 / where the dates come from' })),
});

export const CalendarYearSchema = Type.Object({
  year: Type.Integer(),
  holidays: Type.Array(Type.String()),
  workdays: Type.Array(Type.String()),
  source: Type.Optional(Type.String()),
  origin: StringEnum(['shipped', 'file', 'uploaded'], { description: '内置 / DATA_DIR 文件 / 上传 — shipped, a DATA_DIR file, or uploaded' }),
  updatedBy: Nullable(Type.String()),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
});
