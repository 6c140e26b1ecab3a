import { Type } from 'typebox';
import {
  IdSchema,
  IsoDateTimeSchema,
  JsonObjectSchema,
  KeySchema,
  ListOf,
  NullableString,
  pageOf,
  pageQueryProperties,
  PersonNameSchema,
  PrincipalSchema,
  ReasonSchema,
  strictObject,
  StringEnum,
} from './common.js';

export const InstanceStatusSchema = StringEnum(['active', 'completed', 'terminated']);

export const InstanceSummarySchema = Type.Object({
  id: Type.String(),
  processKey: Type.String(),
  processName: NullableString,
  definitionId: Type.String(),
  definitionVersion: Type.Integer(),
  status: InstanceStatusSchema,
  businessKey: NullableString,
  community: Type.String(),
  startedBy: Type.String(),
  startedAt: Type.String(),
  endedAt: NullableString,
  version: Type.Integer(),
  openIncidents: Type.Integer(),
});

/** A case as lists show it: the summary plus who started it by name. */
export const NamedInstanceSummarySchema = Type.Object({ ...InstanceSummarySchema.properties, startedByName: PersonNameSchema });

export const ActiveElementSchema = Type.Object({
  elementInstanceId: Type.String(),
  elementId: Type.String(),
  elementName: NullableString,
  bpmnType: Type.String(),
  parentId: NullableString,
  incidentId: NullableString,
  calledInstanceId: NullableString,
});

export const HistoryEntrySchema = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  type: Type.String(),
  at: Type.String(),
  userId: NullableString,
  userName: PersonNameSchema,
  elementId: NullableString,
  elementInstanceId: NullableString,
  data: JsonObjectSchema,
});

export const IncidentSchema = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  processKey: Type.String(),
  community: Type.String(),
  elementId: Type.String(),
  elementInstanceId: Type.String(),
  kind: Type.String(),
  message: Type.String(),
  status: StringEnum(['open', 'resolved']),
  jobKey: NullableString,
  createdAt: Type.String(),
  resolvedAt: NullableString,
  resolvedBy: NullableString,
});

export const InstanceDetailsSchema = Type.Object({
  ...NamedInstanceSummarySchema.properties,
  activeElements: ListOf(ActiveElementSchema),
  variables: JsonObjectSchema,
  incidents: ListOf(IncidentSchema),
  history: ListOf(HistoryEntrySchema),
  historyTruncated: Type.Boolean(),
});

export const StartInstanceBodySchema = strictObject({
  processKey: KeySchema,
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  variables: Type.Optional(JsonObjectSchema),
  businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
});

export const InstanceParamsSchema = strictObject({ id: IdSchema });

export const ListInstancesQuerySchema = strictObject({
  processKey: Type.Optional(KeySchema),
  status: Type.Optional(InstanceStatusSchema),
  businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  startedBy: Type.Optional(PrincipalSchema),
  startedAfter: Type.Optional(IsoDateTimeSchema),
  startedBefore: Type.Optional(IsoDateTimeSchema),
  ...pageQueryProperties,
});

export const CancelInstanceBodySchema = strictObject({ reason: ReasonSchema });

export const UpdateVariablesBodySchema = strictObject({
  variables: JsonObjectSchema,
  elementInstanceId: Type.Optional(IdSchema),
  reason: ReasonSchema,
});

export const InstanceSummaryPageSchema = pageOf(NamedInstanceSummarySchema);
export const HistoryPageSchema = pageOf(HistoryEntrySchema);
export const IncidentPageSchema = pageOf(IncidentSchema);
