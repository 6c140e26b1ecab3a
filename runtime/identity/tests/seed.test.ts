import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIdentity, type SeededAccount } from '../seed.js';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';

describe('first start', () => {
  let t: IdentityTestApp;
  let printed = '';
  let accounts: SeededAccount[] | null;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    accounts = await seedIdentity(t.identity, (text) => {
      printed += text;
    });
  });
  afterAll(async () => t.close());

  it('should create the sub-district admin and one demo user per role, and print their one-time passwords once', async () => {
    // then
    expect(accounts?.map((a) => a.userId)).toEqual(['admin', 'demo-admin', 'demo-party', 'demo-rc', 'demo-oc', 'demo-pm', 'demo-bl', 'demo-vol', 'demo-rep', 'demo-resident']);
    for (const account of accounts ?? []) expect(printed).toContain(account.oneTimePassword);
    expect(printed).toContain('一次性密码');
    const community = await t.identity.communities.find('demo');
    expect(community?.name).toBe('东明路街道 · 示范居民区');
  });

  it('should make every password different and random', () => {
    const passwords = (accounts ?? []).map((a) => a.oneTimePassword);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const password of passwords) expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  });

  it('should do nothing on the next start', async () => {
    let again = '';
    const second = await seedIdentity(t.identity, (text) => {
      again += text;
    });
    expect(second).toBeNull();
    expect(again).toBe('');
  });

  it('should let a seeded user sign in, but do nothing else before changing the one-time password', async () => {
    // given
    const resident = accounts?.find((a) => a.userId === 'demo-resident');
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-resident', password: resident?.oneTimePassword ?? '' } });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mustChangePassword: true, community: 'demo', roles: ['resident'] });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    // when
    const before = await t.app.inject({ method: 'GET', url: '/api/tasks', headers });
    const change = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: resident?.oneTimePassword ?? '', newPassword: '我家门口的梧桐树 2026' } });
    const after = await t.app.inject({ method: 'GET', url: '/api/tasks', headers });
    // then
    expect(before.statusCode).toBe(403);
    expect(before.json()).toMatchObject({ code: 'WF_PASSWORD_CHANGE_REQUIRED' });
    expect(change.statusCode).toBe(204);
    expect(after.statusCode).toBe(200);
  });

  it('should refuse a new password that is too short', async () => {
    const admin = accounts?.find((a) => a.userId === 'admin');
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: admin?.oneTimePassword ?? '' } });
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0] ?? '', 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    const change = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: admin?.oneTimePassword ?? '', newPassword: 'short' } });
    expect(change.statusCode).toBe(400);
  });
});
