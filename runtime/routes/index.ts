import type { FastifyInstance } from 'fastify';
import definitionRoutes from './definitions/index.js';
import instanceRoutes from './instances/index.js';
import systemRoutes from './system/index.js';
import taskRoutes from './tasks/index.js';

/** Every REST resource, each an encapsulated plugin under its own prefix (mounted at `/api`). */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(systemRoutes);
  await app.register(definitionRoutes, { prefix: '/definitions' });
  await app.register(instanceRoutes, { prefix: '/instances' });
  await app.register(taskRoutes, { prefix: '/tasks' });
}
