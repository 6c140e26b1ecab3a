import { Type } from 'typebox';
import { IdSchema, KeySchema, ListOf, NullableString, pageOf, pageQueryProperties, strictObject, StringEnum } from './common.js';

export const DefinitionKindSchema = StringEnum(['bpmn', 'form'], {
  description: 'bpmn = 流程（BPMN XML）；form = 表单（form-js JSON）/ process (BPMN XML) or form (form-js JSON)',
});

export const DefinitionVersionSchema = Type.Object({
  id: Type.String(),
  kind: DefinitionKindSchema,
  key: Type.String(),
  name: NullableString,
  version: Type.Integer(),
  contentHash: Type.String(),
  community: Type.String(),
  deployedBy: Type.String(),
  deployedAt: Type.String(),
});

export const DefinitionWithContentSchema = Type.Object({
  ...DefinitionVersionSchema.properties,
  content: Type.String({ description: 'XML 或 form-js JSON 原文 / the XML or form-js JSON text as deployed' }),
});

export const DeployBodySchema = strictObject(
  {
    kind: DefinitionKindSchema,
    content: Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())], {
      description: 'BPMN XML 文本，或 form-js 表单（JSON 文本或对象）/ BPMN XML text, or a form-js schema (JSON text or object)',
    }),
    key: Type.Optional(KeySchema),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  },
  { description: '部署定义 / deploy a definition' },
);

export const DeployResultSchema = Type.Object({
  definitions: ListOf(DefinitionVersionSchema),
  unchanged: Type.Boolean({ description: '内容与最新版本相同，未产生新版本 / same as the latest version: nothing new deployed' }),
});

export const DefinitionSummarySchema = Type.Object({
  kind: DefinitionKindSchema,
  key: Type.String(),
  name: NullableString,
  latest: DefinitionVersionSchema,
  versionCount: Type.Integer(),
});

export const ListDefinitionsQuerySchema = strictObject({ kind: Type.Optional(DefinitionKindSchema), ...pageQueryProperties });
export const DefinitionParamsSchema = strictObject({ kind: DefinitionKindSchema, key: KeySchema });
export const DefinitionVersionQuerySchema = strictObject({ version: Type.Optional(Type.Integer({ minimum: 1 })) });
export const PageQuerySchema = strictObject({ ...pageQueryProperties });

export const DefinitionSummaryPageSchema = pageOf(DefinitionSummarySchema);
export const DefinitionVersionPageSchema = pageOf(DefinitionVersionSchema);
export { IdSchema };
