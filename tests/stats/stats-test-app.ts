import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorHandler } from '../../runtime/plugins/error-handler.js';
import { devIdentity } from '../../runtime/plugins/identity.js';
import { createRequestValidatorCompiler } from '../../runtime/plugins/request-validators.js';
import type { SqlDatabase } from '../../runtime/persistence/sql-database.js';
import { publicBoardRoutes, statsRoutes } from '../../runtime/stats/stats-routes.js';

/** A fastify instance with only what the stats routes need, on the real database. */
export async function statsTestApp(db: SqlDatabase, now: number): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(createRequestValidatorCompiler());
  await app.register(errorHandler);
  await app.register(devIdentity);
  await app.register(statsRoutes, { prefix: '/api/stats', db, now: () => now });
  await app.register(publicBoardRoutes, { prefix: '/api/public/board', db, now: () => now });
  await app.ready();
  return app;
}

/** Adds the communities the identity layer would hold. */
export async function insertCommunities(db: SqlDatabase, communities: readonly { id: string; name: string }[]): Promise<void> {
  await db.run('INSERT INTO id_sub_district (id, name, created_at) VALUES (?, ?, 0)', ['dongming', '东明路街道']);
  for (const c of communities) await db.run('INSERT INTO id_community (id, sub_district_id, name, created_at) VALUES (?, ?, ?, 0)', [c.id, 'dongming', c.name]);
}
