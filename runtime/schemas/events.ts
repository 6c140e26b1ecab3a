import { Type } from 'typebox';
import { JsonObjectSchema, ListOf, strictObject } from './common.js';

const NameSchema = Type.String({ minLength: 1, maxLength: 255 });

export const PublishMessageBodySchema = strictObject({
  name: NameSchema,
  correlationKey: Type.String({ minLength: 1, maxLength: 255 }),
  variables: Type.Optional(JsonObjectSchema),
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: '幂等 id：重复发布不再生效 / idempotency id: a repeat publish does nothing' })),
  timeToLiveMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 24 * 3600 * 1000, description: '未关联时缓存多久 / how long to buffer an uncorrelated message' })),
});

export const PublishMessageResultSchema = Type.Object({
  messageKey: Type.String(),
  correlated: Type.Boolean({ description: '是否已送达等待中的实例 / whether it reached a waiting instance' }),
  instanceIds: ListOf(Type.String()),
  buffered: Type.Boolean(),
  duplicate: Type.Boolean(),
});

export const BroadcastSignalBodySchema = strictObject({ name: NameSchema, variables: Type.Optional(JsonObjectSchema) });
export const BroadcastSignalResultSchema = Type.Object({ instanceIds: ListOf(Type.String()) });
