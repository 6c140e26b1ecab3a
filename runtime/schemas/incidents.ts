import { Type } from 'typebox';
import { IdSchema, KeySchema, pageQueryProperties, strictObject, StringEnum } from './common.js';

export { IncidentSchema, IncidentPageSchema } from './instances.js';

export const ListIncidentsQuerySchema = strictObject({
  status: Type.Optional(StringEnum(['open', 'resolved'])),
  instanceId: Type.Optional(IdSchema),
  processKey: Type.Optional(KeySchema),
  ...pageQueryProperties,
});

export const IncidentParamsSchema = strictObject({ id: IdSchema });
export const RetryIncidentBodySchema = strictObject({
  retries: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: '还给任务的重试次数，默认 1 / retries given back to the job, default 1' })),
});
