import { Type } from 'typebox';
import { InstanceStatusSchema, InstanceSummarySchema } from '../schemas/instances.js';
import { IdSchema, KeySchema, Nullable, NullableString, strictObject, StringEnum } from '../schemas/common.js';

const Counts = {
  running: Type.Integer(),
  completed: Type.Integer(),
  terminated: Type.Integer(),
  incidents: Type.Integer({ description: '有未解决事件的案件数 / cases with an open incident' }),
};

export const KeyParamsSchema = strictObject({ key: KeySchema });
export const LibraryKindParamsSchema = strictObject({ kind: StringEnum(['processes', 'forms']), key: KeySchema });

export const TemplateSummarySchema = Type.Object({ key: Type.String(), name: Type.String(), hash: Type.String() });
export const TemplateSchema = Type.Object({ key: Type.String(), name: Type.String(), hash: Type.String(), xml: Type.String() });

/** Who (id and display name; the name is null for an id without an account) saved when. */
const StampSchema = Type.Object({ updatedBy: Type.String(), updatedByName: NullableString, updatedAt: Type.String() });
const RevisionSchema = Type.Integer({ minimum: 0, description: '打开时的草稿修订号；已被他人改动则 409 / the revision the editor opened; 409 when someone changed it since' });

export const ProcessRowSchema = Type.Object({
  key: Type.String(),
  name: NullableString,
  latestVersion: Nullable(Type.Integer()),
  versions: Type.Array(Type.Object({ version: Type.Integer(), deployedBy: Type.String(), deployedByName: NullableString, deployedAt: Type.String(), ...Counts })),
  template: Nullable(Type.Object({ key: Type.String(), name: Type.String(), updateAvailable: Type.Boolean() })),
  draft: Nullable(StampSchema),
});

export const EditableSchema = Type.Object({
  key: Type.String(),
  content: Type.String(),
  source: StringEnum(['draft', 'published']),
  publishedVersion: Nullable(Type.Integer()),
  revision: Type.Integer(),
  draft: Nullable(StampSchema),
});

export const FromTemplateBodySchema = strictObject({ templateKey: KeySchema });
export const ContentBodySchema = strictObject({ content: Type.String({ minLength: 1, maxLength: 5_000_000 }), revision: Type.Optional(RevisionSchema) });
export const DraftStampSchema = Type.Object({ updatedBy: Type.String(), updatedByName: NullableString, updatedAt: Type.String(), revision: Type.Integer() });

const DiffElementSchema = Type.Object({ id: Type.String(), type: Type.String(), name: NullableString });
export const TemplateUpdateSchema = Type.Object({
  templateKey: Type.String(),
  templateName: Type.String(),
  current: Type.String(),
  template: Type.String(),
  diff: Type.Object({ added: Type.Array(DiffElementSchema), removed: Type.Array(DiffElementSchema), changed: Type.Array(DiffElementSchema) }),
});

export const OverviewQuerySchema = strictObject({ version: Type.Optional(Type.Integer({ minimum: 1 })) });
export const OverviewSchema = Type.Object({
  processKey: Type.String(),
  version: Nullable(Type.Integer()),
  counts: Type.Object(Counts),
  elements: Type.Array(Type.Object({ elementId: Type.String(), active: Type.Integer(), incidents: Type.Integer() })),
  sampled: Type.Boolean(),
});

export const InstancePathSchema = Type.Object({
  completedElements: Type.Array(Type.String()),
  takenFlows: Type.Array(Type.String()),
  activeElements: Type.Array(Type.String()),
  incidentElements: Type.Array(Type.String()),
});
export const InstanceParamsSchema = strictObject({ id: IdSchema });

export const MonitorInstancesQuerySchema = strictObject({
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(InstanceStatusSchema),
  businessKey: Type.Optional(Type.String({ maxLength: 255 })),
  startedAfter: Type.Optional(Type.String({ format: 'date-time' })),
  startedBefore: Type.Optional(Type.String({ format: 'date-time' })),
  variableName: Type.Optional(Type.String({ maxLength: 255, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })),
  variableValue: Type.Optional(Type.String({ maxLength: 1000 })),
});
/** A case of the monitor list: the summary plus who started it by name (null for an id without an account). */
const MonitorInstanceSchema = Type.Object({ ...InstanceSummarySchema.properties, startedByName: NullableString });
export const MonitorInstancesSchema = Type.Object({ items: Type.Array(MonitorInstanceSchema) });
