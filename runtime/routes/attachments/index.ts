import { contentDisposition } from './content-disposition.js';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpError } from '../../plugins/http-error.js';
import { requireActor } from '../../plugins/identity.js';
import { AttachmentPageSchema, AttachmentParamsSchema, AttachmentSchema } from '../../schemas/collaboration.js';
import { errorResponses, idPattern } from '../../schemas/common.js';
import { PageQuerySchema } from '../../schemas/definitions.js';
import { InstanceParamsSchema } from '../../schemas/instances.js';
import type { StoredFile } from '../../plugins/attachment-store.js';
import type { CommentVisibility } from '../../services/workflow-service.js';
import { namedAttachment, namedAttachments } from '../people-names.js';

/**
 * Attachments: upload to an instance (multipart: `file`, optional `visibility`, `taskId`), list
 * them (with who uploaded each by name), read one's metadata and download its bytes. Bytes live
 * under DATA_DIR by content hash.
 */
export const instanceAttachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['collaboration'],
        summary: '实例的附件 / attachments of an instance',
        params: InstanceParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: AttachmentPageSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await app.workflow.listAttachments({ community: request.identity.community, instanceId: request.params.id, ...request.query });
      return { ...page, items: await namedAttachments(request, page.items) };
    },
  );

  app.post(
    '',
    {
      schema: {
        tags: ['collaboration'],
        summary: '上传附件（multipart：file，可选 visibility、taskId）/ upload an attachment (multipart: file, optional visibility, taskId)',
        consumes: ['multipart/form-data'],
        params: InstanceParamsSchema,
        response: { 201: AttachmentSchema, ...errorResponses(401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { uploadTypes, uploadLimit } = app.config;
      let stored: (StoredFile & { created: boolean; fileName: string; mediaType: string }) | null = null;
      try {
        const fields: Record<string, string> = {};
        for await (const part of request.parts({ limits: { fileSize: uploadLimit, files: 1 } })) {
          if (part.type === 'field') {
            if (typeof part.value === 'string') fields[part.fieldname] = part.value;
            continue;
          }
          if (part.fieldname !== 'file' || stored !== null) {
            part.file.resume();
            throw new HttpError(400, 'WF_REQUEST_INVALID', '只接受一个名为 file 的文件 / exactly one file part named "file" is accepted');
          }
          const mediaType = part.mimetype.toLowerCase().split(';')[0]?.trim() ?? '';
          if (!uploadTypes.includes(mediaType)) {
            part.file.resume();
            throw new HttpError(415, 'WF_UNSUPPORTED_MEDIA_TYPE', `不接受的文件类型：${mediaType} / file type not accepted: ${mediaType}`, { accepted: uploadTypes });
          }
          const file = await app.attachments.save(part.file, { mediaType, isTruncated: () => part.file.truncated });
          stored = { ...file, fileName: cleanFileName(part.filename), mediaType };
        }
        if (stored === null) {
          throw new HttpError(400, 'WF_REQUEST_INVALID', '缺少文件字段 file / the multipart field "file" is missing', {
            problems: [{ in: 'body', path: '/file', message: '缺少必填字段 / required field is missing' }],
          });
        }
        const { created: _created, ...file } = stored;
        const attachment = await app.workflow.addAttachment({
          ...actor,
          instanceId: request.params.id,
          taskId: readTaskId(fields['taskId']),
          visibility: readVisibility(fields['visibility']),
          ...file,
        });
        return reply.status(201).send(await namedAttachment(request, attachment));
      } catch (error) {
        // Nothing stored for a refused upload: remove bytes this request wrote (not shared ones).
        const written: { created: boolean; storagePath: string } | null = stored;
        if (written?.created) await app.attachments.discard(written.storagePath);
        throw error;
      }
    },
  );
};

export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id',
    {
      schema: {
        tags: ['collaboration'],
        summary: '附件信息 / attachment metadata',
        params: AttachmentParamsSchema,
        response: { 200: AttachmentSchema, ...errorResponses(404) },
      },
    },
    async (request) => namedAttachment(request, await app.workflow.getAttachment({ community: request.identity.community, attachmentId: request.params.id })),
  );

  app.get(
    '/:id/content',
    {
      schema: {
        tags: ['collaboration'],
        summary: '下载附件 / download the attachment',
        params: AttachmentParamsSchema,
        response: { 200: Type.Unknown({ description: '文件内容 / the file bytes' }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const attachment = await app.workflow.getAttachment({ community: request.identity.community, attachmentId: request.params.id });
      const stream = app.attachments.open(attachment.storagePath);
      return reply
        .header('content-type', attachment.mediaType)
        .header('content-length', attachment.size)
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(stream);
    },
  );
};

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what we remove
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned === '' ? 'file' : cleaned;
}

function readVisibility(value: string | undefined): CommentVisibility {
  if (value === undefined || value === '' || value === 'internal') return 'internal';
  if (value === 'public') return 'public';
  throw new HttpError(400, 'WF_REQUEST_INVALID', 'visibility 只能是 internal 或 public / visibility must be internal or public', {
    problems: [{ in: 'body', path: '/visibility', message: '取值不在允许范围内 / must be internal or public' }],
  });
}

const idRegExp = new RegExp(idPattern);

function readTaskId(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length <= 128 && idRegExp.test(value)) return value;
  throw new HttpError(400, 'WF_REQUEST_INVALID', 'taskId 无效 / invalid taskId', { problems: [{ in: 'body', path: '/taskId', message: '格式错误 / invalid id' }] });
}

