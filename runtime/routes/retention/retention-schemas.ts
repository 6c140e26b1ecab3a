import { Type } from 'typebox';
import { KeySchema, strictObject } from '../../schemas/common.js';

/** The longest a community may keep finished cases before they are archived and removed. */
export const MAX_RETENTION_YEARS = 30;

export const RetentionParamsSchema = strictObject({ processKey: KeySchema });

export const SetRetentionBodySchema = strictObject({
  years: Type.Integer({ minimum: 1, maximum: MAX_RETENTION_YEARS, description: '办结满几年后归档并删除（1–30）/ finished cases older than this many years are archived and removed (1–30)' }),
});

export const RetentionPolicySchema = Type.Object({
  processKey: Type.String(),
  years: Type.Integer(),
  updatedBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});
