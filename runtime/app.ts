import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { AppConfig } from './config.js';
import { uploadLimits } from './plugins/upload-limits.js';
import { appConfig } from './plugins/app-config.js';
import { attachmentStore } from './plugins/attachment-store.js';
import { errorHandler, toErrorReply } from './plugins/error-handler.js';
import { securityHeaders } from './plugins/security-headers.js';
import { eventHub } from './plugins/event-hub.js';
import { forms } from './plugins/forms.js';
import { devIdentity } from './plugins/identity.js';
import { openapi } from './plugins/openapi.js';
import { createRequestValidatorCompiler } from './plugins/request-validators.js';
import { staticDesigner } from './plugins/static-designer.js';
import { workflowService } from './plugins/workflow-service.js';
import type { SqlDatabase } from './persistence/sql-database.js';
import { platformRoutes } from './platform-routes.js';
import { apiRoutes } from './routes/index.js';
import { SqlWorkflowService } from './services/sql-workflow-service.js';
import type { WorkflowService } from './services/workflow-service.js';

export interface BuildAppOptions {
  readonly config: AppConfig;
  /** The workflow service; its creator closes it after the app. */
  readonly service: WorkflowService;
  /**
   * Installs authentication: must decorate `request.identity` ({ userId, community, groups })
   * before any route runs, and may register its own routes (sign-in). Default: the development
   * stand-in that trusts `x-user` / `x-community` / `x-groups` headers (runtime/plugins/identity.ts).
   */
  readonly identity?: (app: FastifyInstance) => Promise<void>;
  /**
   * The runtime's SQL database, for the routes that query it directly (library, statistics,
   * public board: `platform-routes.ts`). Default: the service's own when it is the SQL service;
   * without one (a stand-in service in unit tests) those routes are not mounted.
   */
  readonly db?: SqlDatabase;
  /** pino options; defaults to `{ level: config.logLevel }`. Tests pass `false`. */
  readonly logger?: FastifyServerOptions['logger'];
}

/**
 * Builds the HTTP application without listening (tests use `inject()`; `server.ts` listens).
 * Order matters: the error handler and OpenAPI come before any route so they see them all.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, service } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: config.bodyLimit,
    // Unique across restarts and nodes, so the id in a 500 answer finds its log line.
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    // Bad URLs are answered before routing; give them the same error body as everything else.
    frameworkErrors: (error, request, reply) => {
      const { status, body } = toErrorReply(error, request.id);
      // frameworkErrors' reply is typed for a route-less context; the plain reply API is all we use
      void (reply as FastifyReply).status(status).send(body);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(createRequestValidatorCompiler());
  // Every body we take is JSON or multipart; plain text would only fail later with a vaguer error.
  app.removeContentTypeParser('text/plain');
  await app.register(securityHeaders);
  await app.register(errorHandler);
  await app.register(appConfig, { config });
  await app.register(uploadLimits);
  await app.register(openapi);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(multipart, { limits: { fileSize: config.uploadLimit, files: 1, fields: 20, parts: 30, fieldSize: 64 * 1024 } });
  await app.register(workflowService, { service });
  await app.register(eventHub);
  await app.register(forms);
  await app.register(attachmentStore);
  if (options.identity) await options.identity(app);
  else await app.register(devIdentity);
  await app.register(apiRoutes, { prefix: '/api' });
  const db = options.db ?? (service instanceof SqlWorkflowService ? service.db : undefined);
  if (db) await app.register(platformRoutes, { prefix: '/api', db });
  await app.register(staticDesigner, { dist: config.designerDist });
  await app.ready();
  return app;
}
