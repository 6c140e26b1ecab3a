import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../../identity/testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../../identity/testing/identity-fixtures.js';
import { fixture } from '../../services/test-service.js';

const DAY = 86_400_000;

describe('retention policy routes', () => {
  let t: IdentityTestApp;
  let admin: BrowserSession;
  let clerk: BrowserSession;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linli-retention-routes-'));
    t = await buildIdentityTestApp({ workflowOptions: { dataDir, archiveDir: join(dataDir, 'archive') } });
    await givenCommunity(t.identity, 'demo');
    await givenUser(t.identity, { id: 'r-admin', roles: { demo: ['admin'] } });
    await givenUser(t.identity, { id: 'r-rc', roles: { demo: ['rc'] } });
    admin = await signIn(t.app, 'r-admin');
    clerk = await signIn(t.app, 'r-rc');
    await t.workflow.deployDefinition({ community: 'demo', userId: 'r-admin', kind: 'bpmn', content: fixture('repair-request.bpmn') });
    await t.workflow.deployDefinition({ community: 'demo', userId: 'r-admin', kind: 'bpmn', content: fixture('address-check.bpmn') });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const put = (processKey: string, payload: unknown, as = admin) => t.app.inject({ method: 'PUT', url: `/api/retention-policies/${processKey}`, headers: as.headers, payload: payload as object });
  const list = (as = admin) => t.app.inject({ method: 'GET', url: '/api/retention-policies', headers: as.headers });

  it('should set, list and audit a policy in whole years', async () => {
    // when
    const set = await put('address_check', { years: 7 });
    // then
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ processKey: 'address_check', years: 7, updatedBy: 'r-admin' });
    expect((await list()).json()).toContainEqual(expect.objectContaining({ processKey: 'address_check', years: 7 }));
    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit', headers: admin.headers })).json() as { items: { action: string; target: string | null; data: Record<string, unknown> }[] };
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'retention.set', target: 'address_check', data: expect.objectContaining({ years: 7 }) }));
  });

  it('should refuse years outside 1–30, not whole, or not a number, naming the field', async () => {
    for (const years of [0, 31, 2.5, '5', null]) {
      // when
      const response = await put('address_check', { years });
      // then
      expect(response.statusCode, `years ${JSON.stringify(years)}`).toBe(400);
      expect(response.body).toContain('years');
    }
    const extra = await put('address_check', { years: 3, months: 2 });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('months');
    expect((await list()).json()).toContainEqual(expect.objectContaining({ processKey: 'address_check', years: 7 }));
  });

  it('should answer 404 for a process the community does not have', async () => {
    const response = await put('no_such_process', { years: 3 });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'WF_NOT_FOUND' });
  });

  it('should let only the community admin read or change policies', async () => {
    expect((await list(clerk)).statusCode).toBe(403);
    expect((await put('address_check', { years: 1 }, clerk)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/retention-policies/address_check', headers: clerk.headers })).statusCode).toBe(403);
  });

  it('should remove a policy, and say 404 when there is none', async () => {
    // when
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/retention-policies/address_check', headers: admin.headers });
    const again = await t.app.inject({ method: 'DELETE', url: '/api/retention-policies/address_check', headers: admin.headers });
    // then
    expect(removed.statusCode).toBe(204);
    expect(again.statusCode).toBe(404);
    expect((await list()).json()).not.toContainEqual(expect.objectContaining({ processKey: 'address_check' }));
  });

  it('should have the job executor archive and remove finished cases older than the policy set over HTTP', async () => {
    // given a one-year policy and a repair case finished now
    expect((await put('repair_request', { years: 1 })).statusCode).toBe(200);
    const started = await t.workflow.startInstance({ community: 'demo', userId: 'r-rc', processKey: 'repair_request' });
    for (let i = 0; i < 2; i++) {
      const [task] = (await t.workflow.queryTasks({ community: 'demo', instanceId: started.id })).items;
      await t.workflow.completeTask({ community: 'demo', userId: 'li', taskId: task!.id });
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/instances/${started.id}`, headers: admin.headers })).statusCode).toBe(200);
    // when a year and a day later the clean-up runs
    t.harness.clock.advance(366 * DAY);
    const removed = await t.workflow.executor!.runRetention();
    // then
    expect(removed).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/instances/${started.id}`, headers: (await signIn(t.app, 'r-admin')).headers })).statusCode).toBe(404);
    expect(readdirSync(join(dataDir, 'archive', 'demo'))).toHaveLength(1);
  });

  it('should describe the routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/retention-policies'] ?? {})).toContain('get');
    expect(Object.keys(doc.paths['/api/retention-policies/{processKey}'] ?? {}).sort()).toEqual(['delete', 'put']);
  });
});
