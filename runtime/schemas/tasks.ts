import { Type } from 'typebox';
import {
  IdSchema,
  IsoDateTimeSchema,
  JsonObjectSchema,
  KeySchema,
  ListOf,
  Nullable,
  NullableString,
  pageOf,
  pageQueryProperties,
  PersonNameSchema,
  PrincipalSchema,
  ReasonSchema,
  strictObject,
  StringEnum,
} from './common.js';
import { InstanceDetailsSchema, InstanceSummarySchema } from './instances.js';

const taskStatuses = ['open', 'completed', 'cancelled'] as const;
export const TaskStatusSchema = StringEnum(taskStatuses);

export const TaskViewSchema = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  processKey: Type.String(),
  definitionId: Type.String(),
  elementId: Type.String(),
  name: NullableString,
  community: Type.String(),
  status: TaskStatusSchema,
  assignee: NullableString,
  assigneeName: PersonNameSchema,
  candidateGroups: ListOf(Type.String()),
  candidateUsers: ListOf(Type.String()),
  dueDate: NullableString,
  followUpDate: NullableString,
  priority: Type.Integer(),
  formId: NullableString,
  formKey: NullableString,
  businessKey: NullableString,
  createdAt: Type.String(),
  completedAt: NullableString,
  completedBy: NullableString,
  completedByName: PersonNameSchema,
  version: Type.Integer(),
  properties: Type.Record(Type.String(), Type.String()),
  warnings: ListOf(Type.String()),
});

export const TaskDetailsSchema = Type.Object({ ...TaskViewSchema.properties, variables: JsonObjectSchema });

/** `me` stands for the signed-in user, `none` for unassigned. */
const userOrMe = { minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.@-]+$' } as const;

export const taskSortFields = ['createdAt', 'dueDate', 'followUpDate', 'priority', 'completedAt'] as const;

export const QueryTasksQuerySchema = strictObject({
  status: Type.Optional(StringEnum([...taskStatuses, 'all'], { description: '默认 open / default open' })),
  assignee: Type.Optional(Type.String({ ...userOrMe, description: '用户 id、me（我）或 none（未分配）/ a user id, me, or none (unassigned)' })),
  candidate: Type.Optional(Type.Literal('me', { description: 'me：我或我的角色可认领的任务 / tasks I or my groups may claim' })),
  candidateGroup: Type.Optional(PrincipalSchema),
  overdue: Type.Optional(Type.Boolean({ description: '已超期的待办 / open tasks past their due date' })),
  completedBy: Type.Optional(Type.String({ ...userOrMe, description: '用户 id 或 me / a user id or me' })),
  processKey: Type.Optional(KeySchema),
  instanceId: Type.Optional(IdSchema),
  elementId: Type.Optional(KeySchema),
  businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  var: Type.Optional(
    Type.Array(Type.String({ minLength: 4, maxLength: 512, pattern: '^[A-Za-z_][A-Za-z0-9_]*:(eq|neq|lt|lte|gt|gte|like):.*$' }), {
      maxItems: 10,
      description: '变量过滤 名称:运算:值，可重复；值为数字、true/false 或字符串（"…" 强制为字符串）/ variable filter name:op:value, repeatable',
    }),
  ),
  createdAfter: Type.Optional(IsoDateTimeSchema),
  createdBefore: Type.Optional(IsoDateTimeSchema),
  dueAfter: Type.Optional(IsoDateTimeSchema),
  dueBefore: Type.Optional(IsoDateTimeSchema),
  followUpAfter: Type.Optional(IsoDateTimeSchema),
  followUpBefore: Type.Optional(IsoDateTimeSchema),
  completedAfter: Type.Optional(IsoDateTimeSchema),
  completedBefore: Type.Optional(IsoDateTimeSchema),
  sort: Type.Optional(
    Type.String({
      pattern: `^(${taskSortFields.join('|')})(:(asc|desc))?$`,
      description: '排序 字段[:asc|desc]，默认 createdAt:desc / sort field[:asc|desc], default createdAt:desc',
    }),
  ),
  ...pageQueryProperties,
});

export const TaskParamsSchema = strictObject({ id: IdSchema });

export const AssignTaskBodySchema = strictObject({
  assignee: Nullable(PrincipalSchema, { description: '新的处理人；null 退回候选人 / new assignee, or null to return the task to its candidates' }),
  reason: ReasonSchema,
});

export const CompleteTaskBodySchema = strictObject({
  variables: Type.Optional(JsonObjectSchema),
  expectedVersion: Type.Optional(Type.Integer({ minimum: 0, description: '客户端看到的任务版本 / the task version the client saw' })),
});

export const CompleteTaskResultSchema = Type.Object({
  task: TaskViewSchema,
  instance: InstanceSummarySchema,
  createdTasks: ListOf(TaskViewSchema),
});

/** What a start answers: the case, and the user tasks it created that the caller may see (to go straight on with the first). */
export const StartedInstanceSchema = Type.Object({
  ...InstanceDetailsSchema.properties,
  createdTasks: ListOf(TaskViewSchema),
});

export const TaskFormSchema = Type.Object({
  formId: Type.String(),
  version: Type.Integer(),
  schema: JsonObjectSchema,
});

export const TaskPageSchema = pageOf(TaskViewSchema);
