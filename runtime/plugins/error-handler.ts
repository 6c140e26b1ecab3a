import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './http-error.js';

/** The one error body every 4xx/5xx answer carries. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

/** One problem with the request's shape, as a client can fix it. */
export interface RequestProblem {
  /** `body`, `querystring`, `params` or `headers`. */
  readonly in: string;
  /** JSON pointer into that part, e.g. `/variables/amount`; '' for the part itself. */
  readonly path: string;
  readonly message: string;
}

/**
 * Stable error codes → HTTP status. Services (`runtime/services/errors.ts`, same statuses), the
 * engine and the HTTP layer raise errors with a `code`; this table alone decides the status, so
 * the same mistake answers the same everywhere. Unknown codes are treated as unexpected (500).
 */
export const statusByCode: Readonly<Record<string, number>> = {
  WF_REQUEST_INVALID: 400,
  WF_BAD_JSON: 400,
  WF_BAD_URL: 400,
  WF_BAD_REQUEST: 400,
  WF_INVALID_ID: 400,
  WF_NOT_JSON_SAFE: 400,
  WF_INVALID_CURSOR: 400,
  WF_UNAUTHENTICATED: 401,
  WF_FORBIDDEN: 403,
  WF_NOT_FOUND: 404,
  WF_ROUTE_NOT_FOUND: 404,
  WF_UNKNOWN_PROCESS: 404,
  WF_UNKNOWN_FORM: 404,
  WF_CONFLICT: 409,
  WF_CONCURRENT_MODIFICATION: 409,
  WF_INVALID_COMMAND: 409,
  WF_INVALID_STATE: 409,
  WF_ALREADY_CLAIMED: 409,
  WF_PAYLOAD_TOO_LARGE: 413,
  WF_UNSUPPORTED_MEDIA_TYPE: 415,
  WF_PARSE: 422,
  WF_VALIDATION: 422,
  WF_FEEL_SYNTAX: 422,
  WF_FORM_VALIDATION: 422,
  WF_FORM_INVALID: 422,
  WF_RATE_LIMITED: 429,
  // Deliberate 5xx with a message written for people (feature missing, database down).
  WF_UNSUPPORTED: 501,
  WF_UNAVAILABLE: 503,
};

/** Fastify's and its plugins' own error codes → ours. */
const frameworkCodes: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'WF_BAD_JSON', message: '请求体不是有效的 JSON / the request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'WF_BAD_JSON', message: '请求体为空 / the JSON request body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'WF_BAD_REQUEST', message: 'Content-Length 与请求体不符 / Content-Length does not match the body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'WF_PAYLOAD_TOO_LARGE', message: '请求体过大 / the request body is too large' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'WF_PAYLOAD_TOO_LARGE', message: '上传文件过大 / the uploaded file is too large' },
  FST_PARTS_LIMIT: { status: 413, code: 'WF_PAYLOAD_TOO_LARGE', message: '表单部分过多 / too many multipart parts' },
  FST_FILES_LIMIT: { status: 413, code: 'WF_PAYLOAD_TOO_LARGE', message: '文件过多 / too many files' },
  FST_FIELDS_LIMIT: { status: 413, code: 'WF_PAYLOAD_TOO_LARGE', message: '字段过多 / too many fields' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'WF_UNSUPPORTED_MEDIA_TYPE', message: '不支持的 Content-Type / unsupported Content-Type' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'WF_UNSUPPORTED_MEDIA_TYPE', message: '需要 multipart/form-data / multipart/form-data expected' },
  FST_PROTO_VIOLATION: { status: 400, code: 'WF_BAD_REQUEST', message: '不允许的字段名 / forbidden field name' },
  FST_ERR_BAD_URL: { status: 400, code: 'WF_BAD_URL', message: '无效的 URL / malformed URL' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 400, code: 'WF_BAD_URL', message: 'URL 参数过长 / URL parameter too long' },
};

const internalError = { code: 'WF_INTERNAL', message: '服务器内部错误，请稍后重试 / internal server error, please retry later' };

/**
 * Turns any thrown error into `{ code, message, details }`: coded errors keep their code and
 * message; request-shape errors list every problem; anything unexpected becomes a 500 whose
 * details stay in the log (with the request id), never in the answer.
 */
const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Unexpected end of (form|multipart data)|Malformed part header|Malformed urlencoded form|(Part|Preamble) terminated early due to unexpected end of multipart data)/;

export function toErrorReply(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (!(error instanceof Error)) return { status: 500, body: { ...internalError, details: { requestId } } };
  const fastifyError = error as Partial<FastifyError> & Error; // fastify decorates plain Errors with these fields

  if (Array.isArray(fastifyError.validation)) {
    const part = fastifyError.validationContext ?? 'body';
    const problems = collapseUnions(fastifyError.validation as AjvIssue[]).map((issue) => describeIssue(part, issue)); // fastify's validation array holds ajv ErrorObjects
    return {
      status: 400,
      body: {
        code: 'WF_REQUEST_INVALID',
        message: `请求有 ${problems.length} 处错误 / ${problems.length} problem(s) in the request: ${problems.map((p) => `${p.in}${p.path} ${p.message}`).join('; ')}`,
        details: { problems },
      },
    };
  }

  const code = typeof fastifyError.code === 'string' ? fastifyError.code : '';
  const framework = frameworkCodes[code];
  if (framework) return { status: framework.status, body: { code: framework.code, message: framework.message, details: {} } };

  if (error instanceof HttpError) {
    return { status: error.statusCode, body: { code: error.code, message: error.message, details: { ...error.details } } };
  }
  const mapped = statusByCode[code];
  if (mapped !== undefined) {
    return { status: mapped, body: { code, message: error.message, details: readDetails(error) } };
  }

  // busboy throws plain Errors on a malformed multipart body: the client's mistake, not ours.
  if (MALFORMED_MULTIPART.test(error.message)) {
    return { status: 400, body: { code: 'WF_BAD_REQUEST', message: `上传的表单格式错误 / malformed multipart body: ${error.message}`, details: {} } };
  }

  // An unknown fastify/plugin 4xx (e.g. unsupported method on a parser): safe to pass on.
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { status, body: { code: 'WF_BAD_REQUEST', message: `请求无效 / bad request: ${error.message}`, details: {} } };
  }
  return { status: 500, body: { ...internalError, details: { requestId } } };
}

function readDetails(error: Error): Record<string, unknown> {
  const details = (error as { details?: unknown }).details; // coded errors carry optional details
  if (details !== null && typeof details === 'object' && !Array.isArray(details)) return { ...details };
  return {};
}

interface AjvIssue {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly params?: Record<string, unknown>;
  readonly message?: string;
}

/**
 * A value that fits no branch of a union of constants makes ajv report every branch; people
 * need one line: "must be one of "bpmn", "form"" (as an `enum` reports it).
 */
function collapseUnions(issues: readonly AjvIssue[]): AjvIssue[] {
  const unionPaths = new Set(issues.filter((i) => i.keyword === 'anyOf').map((i) => i.instancePath ?? ''));
  if (unionPaths.size === 0) return [...issues];
  const result: AjvIssue[] = [];
  for (const issue of issues) {
    const at = issue.instancePath ?? '';
    if (!unionPaths.has(at)) {
      result.push(issue);
    } else if (issue.keyword === 'anyOf') {
      const allowed = issues.filter((i) => (i.instancePath ?? '') === at && i.keyword === 'const').map((i) => JSON.stringify(i.params?.['allowedValue']));
      result.push({ instancePath: at, keyword: 'oneOfValues', params: { allowed }, message: allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : 'must match one of the allowed forms' });
    }
  }
  return result;
}

function describeIssue(part: string, issue: AjvIssue): RequestProblem {
  const at = issue.instancePath ?? '';
  const params = issue.params ?? {};
  const english = issue.message ?? 'is invalid';
  switch (issue.keyword) {
    case 'required':
      return { in: part, path: `${at}/${String(params['missingProperty'])}`, message: '缺少必填字段 / required field is missing' };
    case 'additionalProperties':
      return { in: part, path: `${at}/${String(params['additionalProperty'])}`, message: '不允许的字段 / unknown field' };
    case 'type':
      return { in: part, path: at, message: `类型错误，应为 ${String(params['type'])} / must be ${String(params['type'])}` };
    case 'oneOfValues':
      return { in: part, path: at, message: `取值无效 / ${english}` };
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'].map((value) => JSON.stringify(value)).join(', ') : '';
      return { in: part, path: at, message: `取值无效 / ${allowed === '' ? english : `must be one of ${allowed}`}` };
    }
    case 'const':
      return { in: part, path: at, message: `取值不在允许范围内 / ${english}` };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return { in: part, path: at, message: `长度不符 / ${english}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { in: part, path: at, message: `数值超出范围 / ${english}` };
    case 'pattern':
    case 'format':
      return { in: part, path: at, message: `格式错误 / ${english}` };
    default:
      return { in: part, path: at, message: `无效 / ${english}` };
  }
}

async function errorHandlerPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorReply(error, request.id);
    if (body.code === 'WF_INTERNAL') request.log.error({ err: error }, 'request failed');
    else if (status >= 500) request.log.warn({ code: body.code, status, reason: body.message }, 'request not served');
    else request.log.info({ code: body.code, status }, 'request refused');
    // Rate limits and lockouts say when to come back, in the header clients and proxies read.
    const retryAfter = body.details['retryAfterSeconds'];
    if (typeof retryAfter === 'number' && (status === 429 || status === 503)) void reply.header('retry-after', String(retryAfter));
    return reply.status(status).header('x-request-id', request.id).send(body);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const body: ErrorBody = {
      code: 'WF_ROUTE_NOT_FOUND',
      message: `没有这个接口 / no such route: ${request.method} ${request.url.split('?')[0] ?? ''}`,
      details: {},
    };
    return reply.status(404).send(body);
  });
}

/** Installs the single error handler and the 404 handler for the whole app. */
export const errorHandler = fp(errorHandlerPlugin, { name: 'error-handler' });
