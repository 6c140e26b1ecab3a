import { Type, type Static, type TSchema } from 'typebox';

/**
 * Building blocks shared by the resource schemas. Bodies we define refuse unknown fields
 * (`strictObject`); variables and form data are free-form JSON checked by `assertJsonSafe`.
 */

/** Ids the service hands out (ULID/UUID-like) and keys people choose (process ids, form ids). */
export const idPattern = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$';
export const IdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: idPattern });
/** A BPMN process id / form id: an XML NCName as Camunda Modeler writes it. */
export const KeySchema = Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' });
/** A user id or role key as the identity layer hands it out. */
export const PrincipalSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.@-]+$' });
export const IsoDateTimeSchema = Type.String({ format: 'date-time' });

/**
 * `schema` or null, written the OpenAPI 3.0 way (`nullable: true`), which ajv reads too. Not
 * `anyOf [schema, null]`: fast-json-stringify serialises a nullable field with a null check, but
 * a union by running a compiled validator per branch, and that is what most of an answer's
 * serialising time went on (a completion's answer: 25 µs with unions, 16 µs without, in the
 * runtime benchmark).
 */
export function Nullable<T extends TSchema>(schema: T, options: { description?: string } = {}) {
  return Type.Unsafe<Static<T> | null>({ ...schema, ...options, nullable: true });
}

/** One of a few fixed strings, as `enum` (not a union of literals, for the reason `Nullable` gives). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const NullableString = Nullable(Type.String());
/** A person's display name beside their id: null for an id without an account, or a name the caller may not see (staff names to residents). */
export const PersonNameSchema = Nullable(Type.String(), {
  description: '姓名（无账号或调用者不可见时为 null，界面显示 id）/ display name; null for an id without an account or a name the caller may not see',
});
export const NullableDateTime = Nullable(Type.String());
/** Why an admin did something: shown in history and the audit log. */
export const ReasonSchema = Type.String({ minLength: 1, maxLength: 2000 });

/** Any JSON object (variables, form data). */
export const JsonObjectSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: 'JSON 对象（变量）/ a JSON object of variables',
});

export function strictObject<T extends Record<string, TSchema>>(properties: T, options: { description?: string } = {}) {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

/** `limit` + `cursor`, the paging every list accepts. */
export const pageQueryProperties = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: '每页条数 / page size (1–200)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: '上一页的 nextCursor / nextCursor from the previous page' })),
};

/** An array in an answer: readonly, like the service's results. */
export function ListOf<T extends TSchema>(item: T) {
  return Type.Immutable(Type.Array(item));
}

/** A page of items: `nextCursor` is null on the last page. */
export function pageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: ListOf(item), nextCursor: NullableString });
}

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: '稳定的错误码 / stable error code, WF_…' }),
    message: Type.String({ description: '中文 / English' }),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { description: '错误 / error' },
);

/** Error answers a route may give, for OpenAPI and response serialisation. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorSchema> {
  const result: Record<number, typeof ErrorSchema> = {};
  for (const status of [400, 500, ...statuses]) result[status] = ErrorSchema;
  return result;
}
