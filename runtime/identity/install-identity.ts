import type { FastifyInstance } from 'fastify';
import { identity } from './identity-plugin.js';
import type { IdentityService } from './identity-service.js';
import { identityRoutes } from './routes/index.js';

/**
 * What `buildApp({ identity })` runs in place of the development header stand-in: the identity
 * plugin (sessions, tokens, CSRF, the access table) and the identity API under `/api`.
 */
export function installIdentity(service: IdentityService): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    await app.register(identity, { service });
    await app.register(identityRoutes, { prefix: '/api' });
  };
}
