import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../testing/identity-fixtures.js';

describe('community administration', () => {
  let t: IdentityTestApp;
  let admin: BrowserSession;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenCommunity(t.identity, 'east');
    await givenUser(t.identity, { id: 'chief', roles: { demo: ['admin'] } });
    await givenUser(t.identity, { id: 'both', roles: { demo: ['rc'], east: ['party'] } });
    admin = await signIn(t.app, 'chief');
  });
  afterAll(async () => t.close());

  it('should create a user with a one-time password to sign in with, shown to the admin only once', async () => {
    // when
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { id: 'zhou', displayName: '周阿姨', roles: ['bl'] } });
    // then
    expect(created.statusCode).toBe(201);
    const { oneTimePassword } = created.json() as { oneTimePassword: string };
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhou', password: oneTimePassword } });
    expect(login.json()).toMatchObject({ userId: 'zhou', roles: ['bl'], mustChangePassword: true });
    const members = await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(members.json()).toContainEqual({ id: 'zhou', displayName: '周阿姨', roles: ['bl'], mustChangePassword: true, disabled: false });
    expect(members.body).not.toContain(oneTimePassword);
  });

  it('should refuse a role the community does not have, then accept it once added', async () => {
    // given
    await givenUser(t.identity, { id: 'wu', roles: { demo: ['resident'] } });
    // when
    const unknown = await t.app.inject({ method: 'PUT', url: '/api/users/wu/roles', headers: admin.headers, payload: { roles: ['garden'], reason: '加入绿化小组' } });
    const added = await t.app.inject({ method: 'POST', url: '/api/roles', headers: admin.headers, payload: { key: 'garden', name: '绿化小组' } });
    const known = await t.app.inject({ method: 'PUT', url: '/api/users/wu/roles', headers: admin.headers, payload: { roles: ['garden', 'resident'], reason: '加入绿化小组' } });
    // then
    expect(unknown.statusCode).toBe(400);
    expect(added.statusCode).toBe(201);
    expect(known.statusCode).toBe(200);
    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit', headers: admin.headers })).json() as { items: unknown[] };
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'user.roles', actor: 'user:chief', target: 'wu', reason: '加入绿化小组', data: { before: ['resident'], after: ['garden', 'resident'] } }),
    );
    const roles = (await t.app.inject({ method: 'GET', url: '/api/roles', headers: admin.headers })).json() as { key: string; builtIn: boolean }[];
    expect(roles).toContainEqual({ key: 'garden', name: '绿化小组', builtIn: false });
    expect(roles.filter((role) => role.builtIn).map((role) => role.key)).toEqual(['party', 'rc', 'oc', 'pm', 'bl', 'vol', 'rep', 'resident', 'admin']);
  });

  it('should give a community the sub-district creates its monthly report process at once', async () => {
    // given
    await givenUser(t.identity, { id: 'street-admin', subDistrictAdmin: true });
    const subDistrict = await signIn(t.app, 'street-admin');

    // when
    const created = await t.app.inject({ method: 'POST', url: '/api/communities', headers: subDistrict.headers, payload: { id: 'north', name: '北苑居民区' } });

    // then the timer-started report process is deployed there, not at the next restart
    expect(created.statusCode).toBe(201);
    const report = await t.workflow.getDefinition({ community: 'north', kind: 'bpmn', key: 'monthly-report' });
    expect(report.version).toBe(1);
  });

  it('should not remove a role someone still holds', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/roles/garden', headers: admin.headers });
    expect(response.statusCode).toBe(409);
  });

  it('should switch the community a person works in, with the roles held there', async () => {
    // given
    const both = await signIn(t.app, 'both');
    // when
    const switched = await t.app.inject({ method: 'POST', url: '/api/auth/community', headers: both.headers, payload: { community: 'east' } });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: both.cookie } });
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/community', headers: both.headers, payload: { community: 'nowhere' } });
    // then
    expect(switched.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ community: 'east', roles: ['party'], communities: [{ id: 'demo', name: 'demo', roles: ['rc'] }, { id: 'east', name: 'east', roles: ['party'] }] });
    expect(refused.statusCode).toBe(403);
  });

  it('should end a person\'s sessions when an admin resets the password', async () => {
    // given
    await givenUser(t.identity, { id: 'ma', roles: { demo: ['vol'] } });
    const ma = await signIn(t.app, 'ma');
    // when
    const reset = await t.app.inject({ method: 'POST', url: '/api/users/ma/reset-password', headers: admin.headers, payload: { reason: '手机丢失 / lost phone' } });
    // then
    expect(reset.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: ma.cookie } })).json()).toMatchObject({ kind: 'anonymous' });
  });
});
