import type { FastifyInstance } from 'fastify';
import { bylawRoutes } from './bylaw/bylaw-routes.js';
import { libraryRoutes } from './library/library-routes.js';
import type { SqlDatabase } from './persistence/sql-database.js';
import { calendarYearsOf } from './services/calendar-years.js';
import { publicBoardRoutes, statsRoutes } from './stats/stats-routes.js';

/**
 * The routes built on the runtime's SQL database rather than on the workflow service alone: the
 * process library and monitor, statistics, the public board and the bylaw settings. `buildApp` mounts them at
 * `/api` whenever it has the database, so the server, the cluster nodes and the tests serve
 * the same API.
 */
export async function platformRoutes(app: FastifyInstance, options: { readonly db: SqlDatabase }): Promise<void> {
  await app.register(libraryRoutes, { prefix: '/library', db: options.db });
  // the running calendar, so years the sub-district uploads count in working-day figures at once
  const calendar = calendarYearsOf(options.db)?.calendar;
  await app.register(statsRoutes, { prefix: '/stats', db: options.db, ...(calendar ? { calendar } : {}) });
  await app.register(publicBoardRoutes, { prefix: '/public/board', db: options.db, ...(calendar ? { calendar } : {}) });
  await app.register(bylawRoutes, { prefix: '/bylaw', db: options.db });
}
