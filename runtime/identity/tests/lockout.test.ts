import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, testPassword } from '../testing/identity-fixtures.js';

describe('brute-force protection', () => {
  let t: IdentityTestApp;
  const login = (username: string, password: string, remoteAddress = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenUser(t.identity, { id: 'sun', roles: { demo: ['oc'] } });
    await givenUser(t.identity, { id: 'qian', roles: { demo: ['oc'] } });
  });
  afterAll(async () => t.close());

  it('should lock the account after five wrong passwords, even against the right one, with a clear message', async () => {
    // given
    for (let i = 0; i < 4; i++) expect((await login('sun', `wrong-${i}`)).statusCode).toBe(401);
    // when
    const fifth = await login('sun', 'wrong-5');
    const right = await login('sun', testPassword, '10.0.0.2');
    // then
    expect(fifth.statusCode).toBe(429);
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: 'WF_ACCOUNT_LOCKED' });
    expect(right.json().message).toMatch(/账户已临时锁定.*15 分钟.* \/ too many failed sign-ins: this account is locked, try again in 15 minute/);
    expect(right.headers['set-cookie']).toBeUndefined();
  });

  it('should let the owner in once the lock has passed', async () => {
    // when: 16 minutes later
    t.harness.clock.advance(16 * 60_000);
    const response = await login('sun', testPassword);
    // then
    expect(response.statusCode).toBe(200);
  });

  it('should refuse an address that tries many accounts', async () => {
    // given: twenty failures spread over accounts, none of which gets locked by itself
    for (let i = 0; i < 20; i++) await login(`guess-${i % 10}`, 'password123', '10.9.9.9');
    // when
    const fromThere = await login('qian', testPassword, '10.9.9.9');
    const fromElsewhere = await login('qian', testPassword, '10.8.8.8');
    // then
    expect(fromThere.statusCode).toBe(429);
    expect(fromThere.json()).toMatchObject({ code: 'WF_ADDRESS_LOCKED' });
    expect(fromElsewhere.statusCode).toBe(200);
  }, 180_000);

  it('should never store or answer the password', async () => {
    // given
    const row = await t.identity.db.get('SELECT password_hash FROM id_user WHERE id = ?', ['qian']);
    // then: scrypt with its parameters and a per-user salt
    expect(String(row?.password_hash)).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(String(row?.password_hash)).not.toContain(testPassword);
    const other = await t.identity.db.get('SELECT password_hash FROM id_user WHERE id = ?', ['sun']);
    expect(String(other?.password_hash).split('$')[4]).not.toBe(String(row?.password_hash).split('$')[4]);
  });
});
