import type { FastifyInstance } from 'fastify';
import { attachmentRoutes, instanceAttachmentRoutes } from './attachments/index.js';
import calendarRoutes from './calendar/index.js';
import commentRoutes from './comments/index.js';
import definitionRoutes from './definitions/index.js';
import incidentRoutes from './incidents/index.js';
import instanceRoutes from './instances/index.js';
import jobRoutes from './jobs/index.js';
import messageRoutes from './messages/index.js';
import notificationRoutes from './notifications/index.js';
import retentionRoutes from './retention/index.js';
import signalRoutes from './signals/index.js';
import systemRoutes from './system/index.js';
import taskRoutes from './tasks/index.js';
import wsRoutes from './ws/index.js';

/** Every REST resource, each an encapsulated plugin under its own prefix (mounted at `/api`). */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(systemRoutes);
  await app.register(definitionRoutes, { prefix: '/definitions' });
  await app.register(instanceRoutes, { prefix: '/instances' });
  await app.register(commentRoutes, { prefix: '/instances/:id/comments' });
  await app.register(instanceAttachmentRoutes, { prefix: '/instances/:id/attachments' });
  await app.register(attachmentRoutes, { prefix: '/attachments' });
  await app.register(taskRoutes, { prefix: '/tasks' });
  await app.register(messageRoutes, { prefix: '/messages' });
  await app.register(signalRoutes, { prefix: '/signals' });
  await app.register(incidentRoutes, { prefix: '/incidents' });
  await app.register(jobRoutes, { prefix: '/jobs' });
  await app.register(notificationRoutes, { prefix: '/notifications' });
  await app.register(wsRoutes, { prefix: '/ws' });
  await app.register(retentionRoutes, { prefix: '/retention-policies' });
  await app.register(calendarRoutes, { prefix: '/calendar' });
}
