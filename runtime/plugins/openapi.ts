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
        { name: 'identity', description: '登录、用户、角色、令牌与审计 / sign-in, users, roles, tokens and audit' },
        { name: 'public', description: '无需登录：居民提交、进度查询、公开栏 / no sign-in: resident intake, tracking, public board' },
        { name: 'library', description: '流程库、表单库与运行监控 / process and form library, monitor' },
        { name: 'stats', description: '统计分析与月报 / statistics and monthly reports' },
        { name: 'retention', description: '历史保留策略 / history retention policies' },
        { name: 'calendar', description: '工作日历（节假日与调休）/ working-day calendar (holidays and make-up days)' },
        { name: 'bylaw', description: '规约参数 / community bylaw settings' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'linli_session', description: '浏览器会话；修改类请求另需 x-csrf-token 头 / browser session; state-changing requests also need the x-csrf-token header' },
          token: { type: 'http', scheme: 'bearer', description: 'API 令牌（作业执行器或只读）/ API token (job worker or read-only)' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
}

export const openapi = fp(openapiPlugin, { name: 'openapi' });
