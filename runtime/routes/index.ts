import type { FastifyInstance } from 'fastify';
import definitionRoutes from './definitions/index.js';
import systemRoutes from './system/index.js';

/** Every REST resource, each an encapsulated plugin under its own prefix (mounted at `/api`). */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(systemRoutes);
  await app.register(definitionRoutes, { prefix: '/definitions' });
}
