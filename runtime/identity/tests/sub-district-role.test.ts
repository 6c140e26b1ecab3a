import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../testing/identity-fixtures.js';

/**
 * `street` (the sub-district office) reads statistics across communities. Only sub-district
 * admins hold it; a community admin can neither add it nor grant it to widen their own reach.
 */
describe('the sub-district role', () => {
  let t: IdentityTestApp;
  let communityAdmin: BrowserSession;
  let subDistrictAdmin: BrowserSession;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenCommunity(t.identity, 'east');
    await givenUser(t.identity, { id: 'chief', roles: { demo: ['admin'] } });
    await givenUser(t.identity, { id: 'office', subDistrictAdmin: true });
    communityAdmin = await signIn(t.app, 'chief');
    subDistrictAdmin = await signIn(t.app, 'office');
    await t.app.inject({ method: 'POST', url: '/api/auth/community', headers: subDistrictAdmin.headers, payload: { community: 'demo' } });
  });
  afterAll(async () => t.close());

  it('should refuse a community adding the role street', async () => {
    // when
    const added = await t.app.inject({ method: 'POST', url: '/api/roles', headers: communityAdmin.headers, payload: { key: 'street', name: '街道' } });
    const granted = await t.app.inject({ method: 'PUT', url: '/api/users/chief/roles', headers: communityAdmin.headers, payload: { roles: ['admin', 'street'], reason: '想看全街道 / wants every community' } });
    // then
    expect(added.statusCode).toBe(409);
    expect(added.json()).toMatchObject({ message: expect.stringContaining('street') });
    expect(granted.statusCode).toBe(400);
  });

  it('should not honour a street grant a community holds from before', async () => {
    // given a membership row written before the role was reserved
    await t.identity.communities.addRole('demo', { key: 'street', name: '街道' });
    await t.identity.db.transaction((tx) => t.identity.users.setRoles({ userId: 'chief', community: 'demo', roles: ['admin', 'street'], grantedBy: 'old release' }, tx));
    const chief = await signIn(t.app, 'chief');
    // when
    const all = await t.app.inject({ method: 'GET', url: '/api/stats/cases?communities=all', headers: chief.headers });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: chief.headers });
    // then
    expect(all.statusCode).toBe(403);
    expect((me.json() as { roles: string[] }).roles).not.toContain('street');
  });

  it('should let the sub-district admin read figures across every community', async () => {
    // when
    const all = await t.app.inject({ method: 'GET', url: '/api/stats/cases?communities=all', headers: subDistrictAdmin.headers });
    const two = await t.app.inject({ method: 'GET', url: '/api/stats/cases?communities=demo,east', headers: subDistrictAdmin.headers });
    const byCommunityAdmin = await t.app.inject({ method: 'GET', url: '/api/stats/cases?communities=demo,east', headers: communityAdmin.headers });
    // then
    expect(all.statusCode).toBe(200);
    expect(two.statusCode).toBe(200);
    expect(byCommunityAdmin.statusCode).toBe(403);
  });
});
