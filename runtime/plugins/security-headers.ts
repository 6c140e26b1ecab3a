import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The designer loads only its own scripts; styles may be inline (Element Plus, bpmn-js); images from uploads are blobs. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy': CONTENT_SECURITY_POLICY,
};

/**
 * Security headers on every answer, unless a route set its own (the attachment download keeps
 * its sandboxing policy). The OpenAPI UI brings inline scripts, so it keeps its own policy.
 */
async function securityHeadersPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(HEADERS)) {
      if (name === 'content-security-policy' && request.url.startsWith('/api/docs')) continue;
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
  });
}

export const securityHeaders = fp(securityHeadersPlugin, { name: 'security-headers' });
