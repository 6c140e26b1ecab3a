import { Type } from 'typebox';
import { Nullable, strictObject, StringEnum } from '../schemas/common.js';
import { caseDimensions } from './case-dimensions.js';

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const NullableNumber = Nullable(Type.Number());
const NullableText = Nullable(Type.String());
const CommunityId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM / month' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（上海时间）/ date (Shanghai)' });

export const CaseMeasuresSchema = Type.Object({
  group: NullableText,
  cases: Type.Integer(),
  closed: Type.Integer(),
  cancelled: Type.Integer(),
  responseMeasured: Type.Integer(),
  respondedInTime: Type.Integer(),
  responseRate: Rate,
  solved: Type.Integer(),
  resolutionRate: Rate,
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  satisfactionRate: Rate,
  overdue: Type.Integer(),
  avgWorkingDaysToClose: NullableNumber,
});

/** The period and scope every statistics query takes. */
const scopeQuery = {
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  communities: Type.Optional(Type.String({ maxLength: 2000, description: '逗号分隔的社区；街道角色可用 all / comma-separated communities; `all` for sub-district staff' })),
};

export const CasesQuerySchema = strictObject({
  ...scopeQuery,
  dimension: Type.Optional(StringEnum(caseDimensions, { default: 'process' })),
  processKey: Type.Optional(Type.String({ maxLength: 2000, description: '逗号分隔的流程 / comma-separated process keys' })),
});

export const ScopeQuerySchema = strictObject(scopeQuery);
export const StepsQuerySchema = strictObject({ ...scopeQuery, processKey: Type.String({ minLength: 1, maxLength: 255 }) });

export const ExportQuerySchema = strictObject({
  ...scopeQuery,
  chart: StringEnum(['cases', 'evaluations', 'patrols', 'steps']),
  dimension: Type.Optional(StringEnum(caseDimensions)),
  processKey: Type.Optional(Type.String({ maxLength: 2000 })),
  format: StringEnum(['csv', 'xlsx'], { default: 'csv' }),
});

export const ReportQuerySchema = strictObject({ month: Month });
export const CommunityParamsSchema = strictObject({ community: CommunityId });

export const EvaluationSchema = Type.Object({
  community: Type.String(),
  year: NullableNumber,
  respondents: NullableNumber,
  scores: Type.Object({ security: NullableNumber, cleaning: NullableNumber, greening: NullableNumber, facilities: NullableNumber, service: NullableNumber }),
  overall: NullableNumber,
  conclusion: NullableText,
  closedAt: NullableText,
});

export const PatrolCountSchema = Type.Object({
  month: Type.String(),
  reporterRole: NullableText,
  reports: Type.Integer(),
  urgent: Type.Integer(),
  closed: Type.Integer(),
});

export const StepWaitingSchema = Type.Object({
  elementId: Type.String(),
  name: NullableText,
  completed: Type.Integer(),
  avgWaitMs: NullableNumber,
  open: Type.Integer(),
  avgOpenAgeMs: NullableNumber,
  late: Type.Integer(),
});

/** Exactly the fields the public board may show: additional properties are removed by fastify's serialiser. */
export const PublicBoardSchema = Type.Object({
  community: Type.String(),
  communityName: NullableText,
  cases: Type.Array(
    Type.Object({
      processKey: Type.String(),
      category: NullableText,
      building: NullableText,
      status: StringEnum(['handling', 'closed', 'cancelled']),
      publicReply: NullableText,
      receivedAt: Type.String(),
      closedAt: NullableText,
    }),
  ),
  monthly: Type.Array(CaseMeasuresSchema),
  evaluations: Type.Array(EvaluationSchema),
  votes: Type.Array(
    Type.Object({
      topic: NullableText,
      passed: Nullable(Type.Boolean()),
      text: NullableText,
      participationAreaRatio: NullableNumber,
      participationOwnerRatio: NullableNumber,
      approvalAreaRatio: NullableNumber,
      approvalOwnerRatio: NullableNumber,
      announcedAt: NullableText,
    }),
  ),
});
