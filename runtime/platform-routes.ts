import type { FastifyInstance } from 'fastify';
import { bylawRoutes } from './bylaw/bylaw-routes.js';
import { libraryRoutes } from './library/library-routes.js';
import type { SqlDatabase } from './persistence/sql-database.js';
import { publicBoardRoutes, statsRoutes } from './stats/stats-routes.js';

/**
 * The routes built on the runtime's SQL database rather than on the workflow service alone: the
 * process library and monitor, statistics, and the public board. `buildApp` mounts them at
 * `/api` whenever it has the database, so the server, the cluster nodes and the tests serve
 * the same API.
 */
export async function platformRoutes(app: FastifyInstance, options: { readonly db: SqlDatabase }): Promise<void> {
  await app.register(libraryRoutes, { prefix: '/library', db: options.db });
  await app.register(statsRoutes, { prefix: '/stats', db: options.db });
  await app.register(publicBoardRoutes, { prefix: '/public/board', db: options.db });
  await app.register(bylawRoutes, { prefix: '/bylaw', db: options.db });
}
