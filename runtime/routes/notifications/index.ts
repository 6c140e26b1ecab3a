import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpError } from '../../plugins/http-error.js';
import { requireActor, viewerOf } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { ListNotificationsQuerySchema, NotificationPageSchema, NotificationParamsSchema } from '../../schemas/notifications.js';

/** In-app notifications of the signed-in user (to them or to one of their roles). */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的通知 / my notifications',
        querystring: ListNotificationsQuerySchema,
        response: { 200: NotificationPageSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      if (viewer === undefined) throw new HttpError(401, 'WF_UNAUTHENTICATED', '请先登录 / please sign in');
      return app.workflow.listNotifications({ community: request.identity.community, viewer, ...request.query });
    },
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '标为已读 / mark as read',
        params: NotificationParamsSchema,
        response: { 204: { type: 'null', description: '已读 / marked read' }, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await app.workflow.markNotificationRead({ ...requireActor(request), notificationId: request.params.id });
      return reply.status(204).send(null);
    },
  );
};

export default notificationRoutes;
