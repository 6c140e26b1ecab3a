import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../plugins/error-handler.js';
import { unavailableWorkflowService } from '../../plugins/unavailable-workflow-service.js';
import { workflowService } from '../../plugins/workflow-service.js';
import { identity } from '../identity-plugin.js';
import { IdentityService } from '../identity-service.js';
import { createServiceHarness, type ServiceHarness } from '../../services/test-service.js';
import { givenCommunity, givenUser } from '../testing/identity-fixtures.js';
import { routePolicies } from '../route-policies.js';
import { randomSecret } from '../secrets.js';

describe('a route nobody gave an access rule', () => {
  let harness: ServiceHarness;
  let service: IdentityService;

  beforeAll(async () => {
    harness = await createServiceHarness();
    const { db } = await harness.open();
    service = new IdentityService({ db, now: harness.clock.now });
    await givenCommunity(service, 'demo');
    await givenUser(service, { id: 'boss', subDistrictAdmin: true, roles: { demo: ['admin'] } });
  });
  afterAll(async () => harness.dispose());

  it('should be refused for everyone, even the sub-district admin, and be listed for the matrix test', async () => {
    // given: an app with one route added without a row in the table
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    await app.register(workflowService, { service: unavailableWorkflowService('not needed') });
    await app.register(identity, { service });
    app.get('/api/forgotten', async () => ({ secret: true }));
    await app.ready();
    const { sessionId } = await service.login({ username: 'boss', password: 'correct horse battery', address: '127.0.0.1' });
    // when
    const response = await app.inject({ method: 'GET', url: '/api/forgotten', headers: { cookie: `linli_session=${sessionId}` } });
    // then
    expect(routePolicies['GET /api/forgotten']).toBeUndefined();
    expect(response.statusCode).toBe(403);
    expect(app.identityRoutes).toContainEqual({ method: 'GET', url: '/api/forgotten' });
    await app.close();
  });

  it('should not accept a session id it never issued, however well-formed', async () => {
    const found = await service.sessionActor(randomSecret(32), null);
    expect(found).toBeUndefined();
  });
});
