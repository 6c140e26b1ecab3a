import { Type } from 'typebox';
import { IdSchema, JsonObjectSchema, ListOf, strictObject } from './common.js';

const WorkerSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:@-]+$', description: '执行器名称（锁持有者）/ worker name (lock owner)' });
const JobTypeSchema = Type.String({ minLength: 1, maxLength: 255, description: 'zeebe:taskDefinition type' });

export const ActivateJobsBodySchema = strictObject({
  type: JobTypeSchema,
  worker: WorkerSchema,
  maxJobs: Type.Integer({ minimum: 1, maximum: 100 }),
  lockTimeoutMs: Type.Integer({ minimum: 1000, maximum: 24 * 3600 * 1000, description: '锁定时长 / how long the jobs stay locked to this worker' }),
  requestTimeoutMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 300_000, description: '长轮询等待时长（受 JOB_LONG_POLL_MAX_MS 限制）/ long-poll wait, capped by JOB_LONG_POLL_MAX_MS' })),
  fetchVariables: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 100 })),
});

export const ActivatedJobSchema = Type.Object({
  key: Type.String(),
  type: Type.String(),
  instanceId: Type.String(),
  processKey: Type.String(),
  definitionId: Type.String(),
  elementId: Type.String(),
  community: Type.String(),
  retries: Type.Integer(),
  worker: Type.String(),
  deadline: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
  variables: JsonObjectSchema,
});

export const ActivateJobsResultSchema = Type.Object({ jobs: ListOf(ActivatedJobSchema) });
export const JobParamsSchema = strictObject({ key: IdSchema });

export const CompleteJobBodySchema = strictObject({ worker: Type.Optional(WorkerSchema), variables: Type.Optional(JsonObjectSchema) });
export const FailJobBodySchema = strictObject({
  worker: Type.Optional(WorkerSchema),
  retries: Type.Integer({ minimum: 0, maximum: 1000, description: '剩余重试次数；0 产生故障 / retries left; 0 raises an incident' }),
  errorMessage: Type.String({ minLength: 1, maxLength: 4000 }),
  retryBackoffMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 3600 * 1000 })),
});
export const ThrowJobErrorBodySchema = strictObject({
  worker: Type.Optional(WorkerSchema),
  errorCode: Type.String({ minLength: 1, maxLength: 255, description: 'BPMN 错误码 / BPMN error code' }),
  errorMessage: Type.Optional(Type.String({ maxLength: 4000 })),
  variables: Type.Optional(JsonObjectSchema),
});
