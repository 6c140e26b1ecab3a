import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * OpenAPI 3 document built from the routes' TypeBox schemas (so it cannot drift from what the
 * server validates), served as JSON at `/api/docs/json` with Swagger UI at `/api/docs`.
 */
async function openapiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '邻里流程 API / Linli Flow API',
        description:
          '社区流程引擎的 REST 接口（Camunda 8 方言 BPMN + FEEL）。错误统一为 `{ code, message, details }`。\n\n' +
          'REST API of the community workflow engine (Camunda 8 dialect BPMN + FEEL). Every error is `{ code, message, details }`.',
        version: '0.1.0',
      },
      tags: [
        { name: 'definitions', description: '流程与表单定义 / process and form definitions' },
        { name: 'instances', description: '流程实例 / process instances' },
        { name: 'tasks', description: '用户任务 / user tasks' },
        { name: 'collaboration', description: '评论与附件 / comments and attachments' },
        { name: 'events', description: '消息与信号 / messages and signals' },
        { name: 'incidents', description: '故障 / incidents' },
        { name: 'jobs', description: '外部任务执行器 / job workers' },
        { name: 'notifications', description: '站内通知 / in-app notifications' },
        { name: 'system', description: '运行状态 / health' },
      ],
      components: {
        securitySchemes: {
          devUser: { type: 'apiKey', in: 'header', name: 'x-user', description: '开发用身份（第 5 项前）/ development identity until issue 5' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
}

export const openapi = fp(openapiPlugin, { name: 'openapi' });
