import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../plugins/error-handler.js';
import { workflowService } from '../../plugins/workflow-service.js';
import { unavailableWorkflowService } from '../../plugins/unavailable-workflow-service.js';
import { identity } from '../identity-plugin.js';
import { IdentityService } from '../identity-service.js';
import { identityRoutes } from '../routes/index.js';
import { sessionCookieName } from '../cookies.js';
import { unavailableDatabase } from '../unavailable-database.js';

describe('identity without a database', () => {
  it('should answer 503 to sign-in and to a session cookie, never let anyone in', async () => {
    // given
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    await app.register(workflowService, { service: unavailableWorkflowService('down') });
    await app.register(identity, { service: new IdentityService({ db: unavailableDatabase('disk full') }) });
    await app.register(identityRoutes, { prefix: '/api' });
    await app.ready();
    // when
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b' } });
    const withCookie = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: `${sessionCookieName}=${'A'.repeat(43)}` } });
    const anonymous = await app.inject({ method: 'GET', url: '/api/users' });
    // then
    expect(login.statusCode).toBe(503);
    expect(withCookie.statusCode).toBe(503);
    expect(anonymous.statusCode).toBe(401);
    await app.close();
  });
});
