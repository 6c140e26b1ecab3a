import { Type } from 'typebox';
import { JsonObjectSchema, KeySchema, ListOf, Nullable, NullableString, strictObject, StringEnum } from '../../schemas/common.js';
import { CommunityIdSchema } from './identity-schemas.js';

export const ChallengeSchema = Type.Object({ challengeId: Type.String(), question: Type.String(), expiresAt: Type.String() });
export const IntakeParamsSchema = Type.Object({ community: CommunityIdSchema });
export const IntakeProcessSchema = Type.Object({
  key: Type.String(),
  name: NullableString,
  formId: NullableString,
  /** The form-js schema of the start form, when it has one. */
  form: Nullable(JsonObjectSchema),
});
export const IntakePageSchema = Type.Object({
  community: Type.Object({ id: Type.String(), name: Type.String() }),
  processes: ListOf(IntakeProcessSchema),
});
export const IntakeBodySchema = strictObject({
  processKey: KeySchema,
  variables: Type.Optional(JsonObjectSchema),
  challengeId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9]+$' }),
  answer: Type.String({ minLength: 1, maxLength: 16 }),
});
export const IntakeResultSchema = Type.Object({
  trackingCode: Type.String({ description: '查询进度用，请妥善保存（只显示这一次）/ keep it to follow your case (shown once)' }),
  submittedAt: Type.String(),
});
export const TrackBodySchema = strictObject({ code: Type.String({ minLength: 1, maxLength: 64 }) });
export const TrackResultSchema = Type.Object({
  processName: NullableString,
  status: StringEnum(['in-progress', 'completed', 'closed']),
  statusText: Type.String(),
  submittedAt: Type.String(),
  endedAt: NullableString,
  /** Public replies only; never internal notes, variables or names of staff. */
  replies: ListOf(Type.Object({ body: Type.String(), at: Type.String() })),
});
