import { Type } from 'typebox';
import { IdSchema, NullableString, pageOf, pageQueryProperties, PersonNameSchema, strictObject, StringEnum } from './common.js';

export const VisibilitySchema = StringEnum(['internal', 'public'], {
  description: 'internal = 内部备注（仅工作人员）；public = 公开答复（居民可见）/ internal note (staff only) or public reply (residents see it)',
});

export const CommentSchema = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  taskId: NullableString,
  community: Type.String(),
  visibility: VisibilitySchema,
  body: Type.String(),
  author: Type.String(),
  authorName: PersonNameSchema,
  createdAt: Type.String(),
});

export const AddCommentBodySchema = strictObject({
  body: Type.String({ minLength: 1, maxLength: 10_000 }),
  visibility: VisibilitySchema,
  taskId: Type.Optional(IdSchema),
});

export const ListCommentsQuerySchema = strictObject({ visibility: Type.Optional(VisibilitySchema), ...pageQueryProperties });

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  taskId: NullableString,
  community: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  visibility: VisibilitySchema,
  uploadedBy: Type.String(),
  uploadedByName: PersonNameSchema,
  uploadedAt: Type.String(),
});

export const AttachmentParamsSchema = strictObject({ id: IdSchema });
export const CommentPageSchema = pageOf(CommentSchema);
export const AttachmentPageSchema = pageOf(AttachmentSchema);
