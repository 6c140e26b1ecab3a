import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MultipartFile } from '@fastify/multipart';
import { HttpError } from '../../plugins/http-error.js';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import {
  DefinitionParamsSchema,
  DefinitionSummaryPageSchema,
  DefinitionVersionPageSchema,
  DefinitionVersionQuerySchema,
  DefinitionWithContentSchema,
  DeployBodySchema,
  DeployResultSchema,
  ListDefinitionsQuerySchema,
  PageQuerySchema,
} from '../../schemas/definitions.js';
import type { DefinitionKind } from '../../services/workflow-service.js';

/** Process (BPMN XML) and form (form-js JSON) definitions: deploy, list, versions, read. */
const definitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '',
    {
      schema: {
        tags: ['definitions'],
        summary: '部署流程或表单（JSON）/ deploy a process or form (JSON body)',
        body: DeployBodySchema,
        response: { 201: DeployResultSchema, 200: DeployResultSchema, ...errorResponses(401, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { kind, content, key, name } = request.body;
      if (kind === 'bpmn' && typeof content !== 'string') {
        throw new HttpError(400, 'WF_REQUEST_INVALID', 'BPMN 内容必须是 XML 文本 / BPMN content must be XML text', {
          problems: [{ in: 'body', path: '/content', message: '应为字符串 / must be a string' }],
        });
      }
      const text = typeof content === 'string' ? content : JSON.stringify(content);
      const canonical = kind === 'form' ? app.forms.canonicalFormDefinition(text) : text;
      const result = await app.workflow.deployDefinition({ ...actor, kind, content: canonical, key, name });
      return reply.status(result.unchanged ? 200 : 201).send(result);
    },
  );

  app.post(
    '/upload',
    {
      schema: {
        tags: ['definitions'],
        summary: '上传 .bpmn 或 .form 文件部署 / deploy an uploaded .bpmn or .form file (multipart, field "file")',
        consumes: ['multipart/form-data'],
        response: { 201: DeployResultSchema, 200: DeployResultSchema, ...errorResponses(401, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const file: MultipartFile | undefined = await request.file({ limits: { fileSize: app.config.bodyLimit, files: 1 } });
      if (file === undefined) {
        throw new HttpError(400, 'WF_REQUEST_INVALID', '缺少文件字段 file / the multipart field "file" is missing', {
          problems: [{ in: 'body', path: '/file', message: '缺少必填字段 / required field is missing' }],
        });
      }
      const buffer = await readWithinLimit(file);
      const kind = kindOf(file.filename, fieldValue(file, 'kind'));
      const text = decodeUtf8(buffer);
      const result = await app.workflow.deployDefinition({
        ...actor,
        kind,
        content: kind === 'form' ? app.forms.canonicalFormDefinition(text) : text,
        key: fieldValue(file, 'key'),
        name: fieldValue(file, 'name'),
      });
      return reply.status(result.unchanged ? 200 : 201).send(result);
    },
  );

  app.get(
    '',
    {
      schema: {
        tags: ['definitions'],
        summary: '定义列表（每个键的最新版本）/ list definitions (latest version per key)',
        querystring: ListDefinitionsQuerySchema,
        response: { 200: DefinitionSummaryPageSchema, ...errorResponses() },
      },
    },
    async (request) => app.workflow.listDefinitions({ community: request.identity.community, ...request.query }),
  );

  app.get(
    '/:kind/:key/versions',
    {
      schema: {
        tags: ['definitions'],
        summary: '某定义的所有版本 / all versions of a definition',
        params: DefinitionParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: DefinitionVersionPageSchema, ...errorResponses(404) },
      },
    },
    async (request) => app.workflow.listDefinitionVersions({ community: request.identity.community, ...request.params, ...request.query }),
  );

  app.get(
    '/:kind/:key',
    {
      schema: {
        tags: ['definitions'],
        summary: '读取定义内容（默认最新版本）/ read a definition with its content (latest unless ?version=)',
        params: DefinitionParamsSchema,
        querystring: DefinitionVersionQuerySchema,
        response: { 200: DefinitionWithContentSchema, ...errorResponses(404) },
      },
    },
    async (request) => app.workflow.getDefinition({ community: request.identity.community, ...request.params, ...request.query }),
  );
};

/**
 * The uploaded file, stopped the moment it passes the limit: multipart's file stream says
 * 'limit' there but ends only with its part, so an oversize chunked upload would otherwise be
 * read to its end before the 413.
 */
async function readWithinLimit(file: MultipartFile): Promise<Buffer> {
  const tooLarge = (): HttpError => new HttpError(413, 'WF_PAYLOAD_TOO_LARGE', '上传文件过大 / the uploaded file is too large');
  const chunks: Buffer[] = [];
  const stopAtLimit = (): void => void file.file.destroy(tooLarge());
  file.file.once('limit', stopAtLimit);
  try {
    for await (const chunk of file.file) chunks.push(chunk as Buffer); // a file stream yields Buffers
  } finally {
    file.file.off('limit', stopAtLimit);
  }
  if (file.file.truncated) throw tooLarge();
  return Buffer.concat(chunks);
}

function fieldValue(file: MultipartFile, name: string): string | undefined {
  const field = file.fields[name];
  const single = Array.isArray(field) ? field[0] : field;
  if (single === undefined || single.type !== 'field') return undefined;
  const value = typeof single.value === 'string' ? single.value.trim() : '';
  return value === '' ? undefined : value;
}

/** The kind from an explicit `kind` field, else from the file name (`.bpmn`/`.xml` vs `.form`/`.json`). */
function kindOf(fileName: string, explicit: string | undefined): DefinitionKind {
  if (explicit === 'bpmn' || explicit === 'form') return explicit;
  if (explicit !== undefined) {
    throw new HttpError(400, 'WF_REQUEST_INVALID', 'kind 只能是 bpmn 或 form / kind must be bpmn or form', {
      problems: [{ in: 'body', path: '/kind', message: '取值不在允许范围内 / must be bpmn or form' }],
    });
  }
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.bpmn') || lower.endsWith('.xml')) return 'bpmn';
  if (lower.endsWith('.form') || lower.endsWith('.json')) return 'form';
  throw new HttpError(415, 'WF_UNSUPPORTED_MEDIA_TYPE', `无法识别文件类型：${fileName}（需要 .bpmn 或 .form）/ cannot tell the file type of ${fileName} (expected .bpmn or .form)`);
}

function decodeUtf8(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    throw new HttpError(400, 'WF_BAD_REQUEST', '文件不是 UTF-8 文本 / the file is not UTF-8 text');
  }
}

export default definitionRoutes;
