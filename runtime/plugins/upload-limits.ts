import { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './http-error.js';

/**
 * Room a multipart body needs beyond its one file: boundaries, part headers and the small text
 * fields our upload routes take (visibility, taskId).
 */
export const MULTIPART_OVERHEAD = 64 * 1024;

/** The largest body a request may announce: multipart carries one file of at most the larger file limit. */
export function announcedBodyLimit(contentType: string | undefined, limits: { readonly bodyLimit: number; readonly uploadLimit: number }): number {
  const multipart = (contentType ?? '').toLowerCase().startsWith('multipart/');
  // the definitions upload takes a file up to BODY_LIMIT, attachments up to UPLOAD_LIMIT
  return multipart ? Math.max(limits.bodyLimit, limits.uploadLimit) + MULTIPART_OVERHEAD : limits.bodyLimit;
}

/**
 * Refuses a request whose Content-Length is over the limit with 413 as soon as its headers
 * arrive, before a byte of the body is read, and closes the connection instead of draining
 * the rest. Bodies sent without a length (chunked) are cut while streaming: fastify's
 * `bodyLimit` for JSON, multipart's `fileSize` for uploads (the attachment store stops at the
 * limit); those 413s close the connection too.
 */
async function uploadLimitsPlugin(app: FastifyInstance): Promise<void> {
  const limits = { bodyLimit: app.config.bodyLimit, uploadLimit: app.config.uploadLimit };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const announced = request.headers['content-length'];
    if (announced === undefined) return;
    const length = Number(announced);
    if (!Number.isSafeInteger(length) || length < 0) return; // Node's parser already refuses a malformed length
    const limit = announcedBodyLimit(request.headers['content-type'], limits);
    if (length <= limit) return;
    throw new HttpError(413, 'WF_PAYLOAD_TOO_LARGE', `请求体过大：${length} 字节，上限 ${limit} 字节 / the request body is too large: ${length} bytes, the limit is ${limit}`, {
      contentLength: length,
      limit,
    });
  });

  // A 413 answered while the body is still arriving: hang up rather than read the rest only to drop it.
  app.addHook('onResponse', async (request, reply) => {
    const socket = request.raw.socket;
    if (reply.statusCode !== 413 || request.raw.complete || !(socket instanceof Socket)) return;
    request.raw.unpipe(); // a multipart parser may still hold it
    request.raw.resume(); // discard what keeps arriving, so the parser does not stall the socket
    lingeringClose(socket);
  });
}

/** How long a refused client gets to read its answer before the connection is cut. */
const LINGER_MS = 2_000;

/**
 * Closes a connection whose request body is still coming in. Closing at once would make the
 * kernel answer the unread bytes with a reset, and the client could lose the 413 it has not
 * read yet; so we send FIN, keep discarding what arrives for a moment, then cut it.
 */
function lingeringClose(socket: Socket): void {
  socket.end();
  const cut = setTimeout(() => socket.destroy(), LINGER_MS);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
}

export const uploadLimits = fp(uploadLimitsPlugin, { name: 'upload-limits', dependencies: ['app-config'] });
