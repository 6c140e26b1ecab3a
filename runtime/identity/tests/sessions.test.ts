import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, sessionFrom, signIn, testPassword } from '../testing/identity-fixtures.js';
import { sessionCookieName } from '../cookies.js';

describe('sign-in and sessions', () => {
  let t: IdentityTestApp;

  beforeAll(async () => {
    t = await buildIdentityTestApp({ env: { TRUST_PROXY: 'true' } });
    await givenCommunity(t.identity, 'demo');
    await givenUser(t.identity, { id: 'wang', roles: { demo: ['rc'] } });
    await givenUser(t.identity, { id: 'li', roles: { demo: ['resident'] } });
  });
  afterAll(async () => t.close());

  it('should set an httpOnly SameSite=Lax session cookie and answer who signed in', async () => {
    // when
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang', password: testPassword } });
    // then
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    expect(response.json()).toMatchObject({ kind: 'user', userId: 'wang', community: 'demo', roles: ['rc'] });
    expect(response.body).not.toContain(testPassword);
  });

  it('should mark the cookie Secure when served over HTTPS', async () => {
    // when: behind a TLS-terminating proxy the app trusts
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'wang', password: testPassword },
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: '127.0.0.1',
    });
    // then
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toContain('Secure');
  });

  it('should refuse a wrong password with one message for unknown and known names', async () => {
    // when
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'li', password: 'not the password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'not the password' } });
    // then
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('should issue a new session id at sign-in and end the one the browser had (session fixation)', async () => {
    // given: a browser holding a session (an attacker may have planted it)
    const first = await signIn(t.app, 'wang');
    // when: signing in again from that browser
    const second = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang', password: testPassword }, headers: { cookie: first.cookie } });
    // then: a different id, and the planted one no longer works
    const newId = sessionFrom(second.headers['set-cookie']);
    expect(newId).toBeDefined();
    expect(first.cookie).not.toBe(`${sessionCookieName}=${newId}`);
    const withOld = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first.cookie } });
    expect(withOld.json()).toMatchObject({ kind: 'anonymous' });
    const withNew = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `${sessionCookieName}=${newId}` } });
    expect(withNew.json()).toMatchObject({ kind: 'user', userId: 'wang' });
  });

  it('should ignore a session id the server never issued', async () => {
    // when
    const response = await t.app.inject({ method: 'GET', url: '/api/tasks', headers: { cookie: `${sessionCookieName}=${'A'.repeat(43)}` } });
    // then
    expect(response.statusCode).toBe(401);
  });

  it('should end the session at sign-out', async () => {
    // given
    const session = await signIn(t.app, 'li');
    // when
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    // then
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/tasks', headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('should expire a session after its lifetime', async () => {
    // given
    const session = await signIn(t.app, 'li');
    // when: 13 hours later (sessions live 12)
    t.harness.clock.advance(13 * 3_600_000);
    const response = await t.app.inject({ method: 'GET', url: '/api/tasks', headers: { cookie: session.cookie } });
    // then
    expect(response.statusCode).toBe(401);
  });

  it('should end every other session when the password changes', async () => {
    // given: two browsers
    await givenUser(t.identity, { id: 'zhao', roles: { demo: ['pm'] } });
    const laptop = await signIn(t.app, 'zhao');
    const phone = await signIn(t.app, 'zhao');
    // when
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: laptop.headers,
      payload: { currentPassword: testPassword, newPassword: 'a much better passphrase' },
    });
    // then
    expect(change.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: phone.cookie } })).json()).toMatchObject({ kind: 'anonymous' });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: laptop.cookie } })).json()).toMatchObject({ userId: 'zhao' });
  });
});

describe('CSRF protection', () => {
  let t: IdentityTestApp;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenUser(t.identity, { id: 'admin1', roles: { demo: ['admin'] } });
  });
  afterAll(async () => t.close());

  it('should refuse a state-changing request with the cookie but without the token', async () => {
    // given
    const session = await signIn(t.app, 'admin1');
    // when
    const response = await t.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie: session.cookie }, payload: { key: 'garden', name: '绿化小组' } });
    // then
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'WF_CSRF' });
  });

  it('should refuse a wrong token', async () => {
    const session = await signIn(t.app, 'admin1');
    const response = await t.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: { key: 'garden', name: '绿化小组' } });
    expect(response.statusCode).toBe(403);
  });

  it('should refuse another session\'s token', async () => {
    // given
    const mine = await signIn(t.app, 'admin1');
    const other = await signIn(t.app, 'admin1');
    // when
    const response = await t.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie: mine.cookie, 'x-csrf-token': other.csrf }, payload: { key: 'garden', name: '绿化小组' } });
    // then
    expect(response.statusCode).toBe(403);
  });

  it('should refuse a cross-site request even with the token', async () => {
    const session = await signIn(t.app, 'admin1');
    const response = await t.app.inject({ method: 'POST', url: '/api/roles', headers: { ...session.headers, origin: 'https://evil.example' }, payload: { key: 'garden', name: '绿化小组' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'WF_CSRF' });
  });

  it('should accept the request with the session\'s token, and hand the token out again on /me', async () => {
    // given
    const session = await signIn(t.app, 'admin1');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    // when
    const response = await t.app.inject({ method: 'POST', url: '/api/roles', headers: { cookie: session.cookie, 'x-csrf-token': (me.json() as { csrfToken: string }).csrfToken, origin: 'http://localhost:80' }, payload: { key: 'garden', name: '绿化小组' } });
    // then
    expect(response.statusCode).toBe(201);
  });
});
