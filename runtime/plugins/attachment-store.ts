import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './http-error.js';

/** Where a stored file lives and what it is. */
export interface StoredFile {
  readonly sha256: string;
  readonly size: number;
  /** Relative to the data directory: `attachments/ab/ab12…`. */
  readonly storagePath: string;
}

/**
 * Attachment bytes on disk under `DATA_DIR/attachments`, named by their sha256 (the same file
 * uploaded twice is stored once). Files are written to a temporary name and renamed only when
 * complete, so a failed or oversized upload leaves nothing behind.
 */
export interface AttachmentStore {
  save(stream: Readable, options: { readonly mediaType: string; readonly isTruncated: () => boolean }): Promise<StoredFile & { readonly created: boolean }>;
  open(storagePath: string): ReadStream;
  /** Removes a file this upload created when its row could not be written (nothing stored). */
  discard(storagePath: string): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    attachments: AttachmentStore;
  }
}

/** Leading bytes of the types whose content we can recognise; others are taken as declared. */
const signatures: Readonly<Record<string, (head: Buffer) => boolean>> = {
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/gif': (h) => h.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
};

export function createAttachmentStore(dataDir: string): AttachmentStore {
  const root = path.join(dataDir, 'attachments');
  // Paths come from our own rows, but never touch anything outside the attachments folder.
  const inside = (storagePath: string): string => {
    const resolved = path.resolve(dataDir, storagePath);
    if (!resolved.startsWith(root + path.sep)) throw new HttpError(404, 'WF_NOT_FOUND', '附件不存在 / attachment not found');
    return resolved;
  };
  return {
    async save(stream, { mediaType, isTruncated }) {
      const tmpDir = path.join(root, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      const tmpFile = path.join(tmpDir, randomUUID());
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          callback(null, chunk);
        },
      });
      const tooLarge = (): HttpError => new HttpError(413, 'WF_PAYLOAD_TOO_LARGE', '上传文件过大 / the uploaded file is too large');
      // multipart's file stream says 'limit' when the file reaches UPLOAD_LIMIT but ends only with its part:
      // stop at once instead of reading the rest of an oversize (possibly endless, chunked) upload
      const stopAtLimit = (): void => void measure.destroy(tooLarge());
      stream.once('limit', stopAtLimit);
      try {
        await pipeline(stream, measure, createWriteStream(tmpFile));
        if (isTruncated()) throw tooLarge();
        if (size === 0) throw new HttpError(400, 'WF_BAD_REQUEST', '文件为空 / the file is empty');
        const matches = signatures[mediaType];
        if (matches !== undefined && !matches(head)) {
          throw new HttpError(415, 'WF_UNSUPPORTED_MEDIA_TYPE', `文件内容与类型 ${mediaType} 不符 / the file content is not ${mediaType}`);
        }
        const sha256 = hash.digest('hex');
        const storagePath = path.posix.join('attachments', sha256.slice(0, 2), sha256);
        const target = path.join(dataDir, storagePath);
        await mkdir(path.dirname(target), { recursive: true });
        const existing = await stat(target).catch(() => null);
        if (existing === null) await rename(tmpFile, target);
        else await rm(tmpFile, { force: true });
        return { sha256, size, storagePath, created: existing === null };
      } catch (error) {
        await rm(tmpFile, { force: true });
        const errno = (error as NodeJS.ErrnoException).code; // fs errors carry an errno code
        if (errno === 'ENOSPC' || errno === 'EDQUOT') {
          throw new HttpError(507, 'WF_STORAGE_FULL', '存储空间不足，无法保存附件 / not enough storage space to save the attachment');
        }
        throw error;
      } finally {
        stream.off('limit', stopAtLimit);
      }
    },
    open(storagePath) {
      return createReadStream(inside(storagePath));
    },
    async discard(storagePath) {
      await rm(inside(storagePath), { force: true });
    },
  };
}

async function attachmentStorePlugin(app: FastifyInstance): Promise<void> {
  app.decorate('attachments', createAttachmentStore(app.config.dataDir));
}

export const attachmentStore = fp(attachmentStorePlugin, { name: 'attachment-store', dependencies: ['app-config'] });
