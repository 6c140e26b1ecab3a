import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './http-error.js';

export interface StaticDesignerOptions {
  /** The designer's `vite build` output (`designer/dist`). */
  readonly dist: string;
}

const placeholderPage = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>邻里流程</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.6">
<h1>邻里流程</h1>
<p>服务已启动。设计器尚未构建：在 <code>designer/</code> 中运行 <code>npm run build</code> 后刷新本页。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a>（OpenAPI JSON：<a href="/api/docs/json">/api/docs/json</a>）</p>
<hr><p lang="en">The server is running. The designer has not been built yet; build it in <code>designer/</code>
and reload. API documentation: <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

/**
 * Serves the designer (one port in production): its built files when `dist` holds an
 * `index.html`, with `index.html` for client-side routes; otherwise a small Chinese page that
 * says how to build it. Paths under `/api/` are never answered with HTML.
 */
async function staticDesignerPlugin(app: FastifyInstance, options: StaticDesignerOptions): Promise<void> {
  const indexFile = path.join(options.dist, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(placeholderPage));
    return;
  }
  await app.register(fastifyStatic, { root: options.dist, prefix: '/', wildcard: false, index: ['index.html'] });
  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0] ?? '/';
    // Missing API routes and missing asset files are real 404s, not the app shell.
    if (url.startsWith('/api/') || path.extname(url) !== '') {
      throw new HttpError(404, 'WF_ROUTE_NOT_FOUND', `没有这个地址 / not found: ${url}`);
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  };
  // @fastify/static already answers `/` with index.html; every other unknown path gets the shell.
  app.get('/*', { schema: { hide: true } }, sendIndex);
}

export const staticDesigner = fp(staticDesignerPlugin, { name: 'static-designer' });
