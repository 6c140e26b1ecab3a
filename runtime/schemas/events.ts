import { Type } from 'typebox';
import { JsonObjectSchema, ListOf, strictObject } from './common.js';

const NameSchema = Type.String({ minLength: 1, maxLength: 255 });

export const PublishMessageBodySchema = strictObject({
  name: NameSchema,
  correlationKey: Type.String({ minLength: 1, maxLength: 255 }),
  variables: Type.Optional(JsonObjectSchema),
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: '幂等 id：重复发布不再生效 / idempotency id: a repeat publish does nothing' })),
  timeToLiveMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 24 * 3600 * 1000, description: '未送达时缓存多久，默认 1 小时，0 不缓存 / how long to buffer a message that reached nothing; default 1 hour, 0 = not buffered' })),
});

export const PublishMessageResultSchema = Type.Object({
  messageKey: Type.String(),
  correlated: Type.Boolean({ description: '是否已送达等待中的实例 / whether it reached a waiting instance' }),
  instanceIds: ListOf(Type.String({ description: '送达的等待中实例 / waiting instances it reached' })),
  startedInstanceIds: ListOf(Type.String({ description: '由消息开始事件发起的实例 / instances it started' })),
  buffered: Type.Boolean(),
  duplicate: Type.Boolean(),
});

export const BroadcastSignalBodySchema = strictObject({ name: NameSchema, variables: Type.Optional(JsonObjectSchema) });
export const BroadcastSignalResultSchema = Type.Object({ instanceIds: ListOf(Type.String()), startedInstanceIds: ListOf(Type.String()) });
