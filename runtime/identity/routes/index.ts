import type { FastifyInstance } from 'fastify';
import auditRoutes from './audit-routes.js';
import authRoutes from './auth-routes.js';
import communityRoutes from './community-routes.js';
import publicIntakeRoutes from './public-intake-routes.js';
import publicTrackingRoutes from './public-tracking-routes.js';
import roleRoutes from './role-routes.js';
import tokenRoutes from './token-routes.js';
import userRoutes from './user-routes.js';

/** The identity API, registered by the app under `/api` after the identity plugin. */
export async function identityRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes, { prefix: '/auth' });
  await app.register(communityRoutes, { prefix: '/communities' });
  await app.register(roleRoutes, { prefix: '/roles' });
  await app.register(userRoutes, { prefix: '/users' });
  await app.register(tokenRoutes, { prefix: '/tokens' });
  await app.register(auditRoutes, { prefix: '/audit' });
  await app.register(publicIntakeRoutes, { prefix: '/public' });
  await app.register(publicTrackingRoutes, { prefix: '/public' });
}
