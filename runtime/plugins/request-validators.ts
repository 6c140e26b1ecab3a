import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Two validators instead of fastify's one: bodies are checked strictly (no type coercion, unknown
 * fields refused, every problem reported), while query strings, params and headers, which
 * arrive as text, are coerced to the schema's types.
 */
export function createRequestValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const shared: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };
  const bodyAjv = new Ajv({ ...shared, coerceTypes: false });
  const textAjv = new Ajv({ ...shared, coerceTypes: 'array' });
  addFormats.default(bodyAjv);
  addFormats.default(textAjv);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodyAjv : textAjv;
    // fastify hands over the route's JSON schema object; ajv accepts any object schema
    return ajv.compile(schema as object);
  };
}
