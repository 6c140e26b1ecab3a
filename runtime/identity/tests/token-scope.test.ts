import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../testing/identity-fixtures.js';

describe('API tokens', () => {
  let t: IdentityTestApp;
  let admin: BrowserSession;
  let worker: string;
  let reader: string;

  const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
  const createToken = async (scope: 'worker' | 'read-only') => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: admin.headers, payload: { name: `${scope} 集成`, scope } });
    expect(response.statusCode).toBe(201);
    return response.json() as { token: string; details: { id: string } };
  };

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenCommunity(t.identity, 'other');
    await givenUser(t.identity, { id: 'boss', roles: { demo: ['admin'] } });
    admin = await signIn(t.app, 'boss');
    worker = (await createToken('worker')).token;
    reader = (await createToken('read-only')).token;
  });
  afterAll(async () => t.close());

  it('should store only a hash of the token', async () => {
    // when
    const rows = await t.identity.db.all('SELECT id, secret_hash FROM id_api_token');
    // then
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(worker).not.toContain(String(row.secret_hash));
      expect(String(row.secret_hash)).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('should let a worker token use the job API and nothing else', async () => {
    // when
    const jobs = await t.app.inject({ method: 'POST', url: '/api/jobs/activate', headers: bearer(worker), payload: { type: 'notify', worker: 'w1', maxJobs: 1, lockTimeoutMs: 1000 } });
    const tasks = await t.app.inject({ method: 'GET', url: '/api/tasks', headers: bearer(worker) });
    const deploy = await t.app.inject({ method: 'POST', url: '/api/definitions', headers: bearer(worker), payload: { kind: 'form', content: '{}' } });
    // then
    expect(jobs.statusCode).toBe(200);
    expect(tasks.statusCode).toBe(403);
    expect(deploy.statusCode).toBe(403);
  });

  it('should let a read-only token read but never write', async () => {
    // when
    const read = await t.app.inject({ method: 'GET', url: '/api/definitions', headers: bearer(reader) });
    const start = await t.app.inject({ method: 'POST', url: '/api/instances', headers: bearer(reader), payload: { processKey: 'x' } });
    const jobs = await t.app.inject({ method: 'POST', url: '/api/jobs/activate', headers: bearer(reader), payload: { type: 'notify', worker: 'w1', maxJobs: 1, lockTimeoutMs: 1000 } });
    // then
    expect(read.statusCode).toBe(200);
    expect(start.statusCode).toBe(403);
    expect(jobs.statusCode).toBe(403);
  });

  it('should keep a token inside its community', async () => {
    // when
    const response = await t.app.inject({ method: 'GET', url: '/api/definitions', headers: bearer(reader, { 'x-community': 'other' }) });
    // then
    expect(response.statusCode).toBe(403);
  });

  it('should refuse a revoked or forged token', async () => {
    // given
    const { token, details } = await createToken('read-only');
    expect((await t.app.inject({ method: 'GET', url: '/api/definitions', headers: bearer(token) })).statusCode).toBe(200);
    // when
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${details.id}`, headers: admin.headers });
    const afterRevoke = await t.app.inject({ method: 'GET', url: '/api/definitions', headers: bearer(token) });
    const forged = await t.app.inject({ method: 'GET', url: '/api/definitions', headers: bearer(`${token.slice(0, -4)}AAAA`) });
    // then
    expect(revoke.statusCode).toBe(204);
    expect(afterRevoke.statusCode).toBe(401);
    expect(forged.statusCode).toBe(401);
  });

  it('should write token creation and revocation to the audit log', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(200);
    const actions = (response.json() as { items: { action: string; actor: string }[] }).items.map((entry) => `${entry.action} ${entry.actor}`);
    expect(actions).toContain('token.create user:boss');
    expect(actions).toContain('token.revoke user:boss');
  });
});
