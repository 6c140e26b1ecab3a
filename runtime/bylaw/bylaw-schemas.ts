import { Type } from 'typebox';
import { Nullable, NullableDateTime, NullableString, ReasonSchema, strictObject } from '../schemas/common.js';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

/** One setting as the settings page shows it: what it means, its unit, range, default and the community's value. */
export const BylawSettingSchema = Type.Object({
  key: Type.String(),
  zh: Type.String({ description: '中文名称 / Chinese label' }),
  en: Type.String({ description: 'English label' }),
  unit: Bilingual,
  basis: Type.Object({ zh: Type.String(), en: Type.String() }, { description: '缺省值的依据 / where the default comes from' }),
  defaultValue: Type.Number(),
  min: Type.Number(),
  max: Type.Number(),
  maxExclusive: Type.Boolean({ description: '须小于 max（不可等于）/ the value must stay below max' }),
  integer: Type.Boolean(),
  value: Nullable(Type.Number(), { description: '本居民区设置的值；null 为采用缺省值 / the community\'s value; null = the default' }),
  effective: Type.Number({ description: '新案件实际使用的值 / what new cases use' }),
});

export const BylawSchema = Type.Object({
  community: Type.String(),
  settings: Type.Array(BylawSettingSchema),
  /** The `bylaw` variable a new case gets. */
  bylaw: Type.Record(Type.String(), Type.Number(), { description: '新案件的 bylaw 变量 / the bylaw variable of a new case' }),
  updatedBy: NullableString,
  /** The display name of who last changed them (null when never changed or the account is gone). */
  updatedByName: NullableString,
  updatedAt: NullableDateTime,
});

/**
 * The new settings replace the old: keys left out (or null) take their default. Keys and values
 * are checked by `parseBylawValues`, which answers 422 naming each bad key.
 */
export const SetBylawBodySchema = strictObject({
  settings: Type.Record(Type.String(), Type.Unknown(), { description: '规约参数（键 → 数值；未列出或 null 为缺省）/ key → number; absent or null = the default' }),
  reason: ReasonSchema,
});
