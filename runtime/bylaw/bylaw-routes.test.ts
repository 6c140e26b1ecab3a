import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../identity/testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../identity/testing/identity-fixtures.js';

interface BylawAnswer {
  community: string;
  settings: { key: string; zh: string; defaultValue: number; value: number | null; effective: number; unit: { zh: string }; basis: { zh: string } }[];
  bylaw: Record<string, number>;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string | null;
}

describe('bylaw settings routes', () => {
  let t: IdentityTestApp;
  let admin: BrowserSession;
  let clerk: BrowserSession;
  let resident: BrowserSession;
  let neighbour: BrowserSession;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenCommunity(t.identity, 'other');
    await givenUser(t.identity, { id: 'b-admin', roles: { demo: ['admin'] } });
    await t.identity.db.run('UPDATE id_user SET display_name = ? WHERE id = ?', ['钱书记', 'b-admin']);
    await givenUser(t.identity, { id: 'b-rc', roles: { demo: ['rc'] } });
    await givenUser(t.identity, { id: 'b-resident', roles: { demo: ['resident'] } });
    await givenUser(t.identity, { id: 'b-neighbour', roles: { other: ['admin'] } });
    admin = await signIn(t.app, 'b-admin');
    clerk = await signIn(t.app, 'b-rc');
    resident = await signIn(t.app, 'b-resident');
    neighbour = await signIn(t.app, 'b-neighbour');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const read = (as: BrowserSession) => t.app.inject({ method: 'GET', url: '/api/bylaw', headers: as.headers });
  const put = (payload: unknown, as = admin) => t.app.inject({ method: 'PUT', url: '/api/bylaw', headers: as.headers, payload: payload as object });

  it('should show a resident every setting with its label, unit, basis and the legal default before anything is set', async () => {
    // when
    const response = await read(resident);

    // then
    expect(response.statusCode).toBe(200);
    const answer = response.json() as BylawAnswer;
    expect(answer).toMatchObject({ community: 'demo', updatedBy: null, updatedByName: null, updatedAt: null });
    expect(answer.settings.find((s) => s.key === 'specialApprovalRatio')).toMatchObject({ defaultValue: 0.75, value: null, effective: 0.75, basis: { zh: expect.stringContaining('第二百七十八条') } });
    expect(answer.settings.find((s) => s.key === 'fundHearingThreshold')).toMatchObject({ zh: expect.stringContaining('听证'), unit: { zh: '元' }, effective: 5000 });
    expect(answer.bylaw).toMatchObject({ participationRatio: 2 / 3, specialApprovalRatio: 0.75, ordinaryApprovalRatio: 0.5 });
  });

  it('should let the community admin change settings with a reason, audited, and show them to the community only', async () => {
    // when
    const response = await put({ settings: { specialApprovalRatio: 0.8, fundHearingThreshold: 3000 }, reason: '业主大会修订管理规约 / the owners amended the bylaw' });

    // then
    expect(response.statusCode).toBe(200);
    expect((response.json() as BylawAnswer).bylaw).toMatchObject({ specialApprovalRatio: 0.8, fundHearingThreshold: 3000, participationRatio: 2 / 3 });
    const seen = (await read(clerk)).json() as BylawAnswer;
    expect(seen.settings.find((s) => s.key === 'specialApprovalRatio')).toMatchObject({ value: 0.8, effective: 0.8, defaultValue: 0.75 });
    expect(seen.updatedBy).toBe('b-admin');
    expect(seen.updatedByName).toBe('钱书记');
    expect(((await read(neighbour)).json() as BylawAnswer)).toMatchObject({ community: 'other', bylaw: { specialApprovalRatio: 0.75 } });
    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit', headers: admin.headers })).json() as { items: { action: string; reason: string | null; data: Record<string, unknown> }[] };
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'bylaw.set', reason: '业主大会修订管理规约 / the owners amended the bylaw', data: expect.objectContaining({ settings: { specialApprovalRatio: 0.8, fundHearingThreshold: 3000 } }) }),
    );
  });

  it('should replace the settings: keys left out go back to their default', async () => {
    // when
    const response = await put({ settings: { propertyPassScore: 70 }, reason: '新规约 / new bylaw' });

    // then
    expect((response.json() as BylawAnswer).bylaw).toMatchObject({ propertyPassScore: 70, specialApprovalRatio: 0.75, fundHearingThreshold: 5000 });
  });

  it('should refuse the residents committee with 403 and change nothing', async () => {
    // when
    const response = await put({ settings: { propertyPassScore: 50 }, reason: '试试 / try' }, clerk);

    // then
    expect(response.statusCode).toBe(403);
    expect(((await read(clerk)).json() as BylawAnswer).bylaw['propertyPassScore']).toBe(70);
  });

  it('should answer 422 naming an unknown key or a value below the legal floor, and change nothing', async () => {
    // when
    const unknown = await put({ settings: { approvalRatio: 0.9, propertyPassScore: 80 }, reason: '笔误 / typo' });
    const tooLow = await put({ settings: { participationRatio: 0.5 }, reason: '降低门槛 / lower the bar' });

    // then
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'WF_VALIDATION', details: { problems: [expect.objectContaining({ field: 'approvalRatio' })] } });
    expect(unknown.json().message).toContain('approvalRatio');
    expect(tooLow.statusCode).toBe(422);
    expect(tooLow.json().message).toContain('participationRatio');
    expect(((await read(admin)).json() as BylawAnswer).bylaw['propertyPassScore']).toBe(70);
  });

  it('should answer 400 for a body without a reason or with fields of its own', async () => {
    expect((await put({ settings: {} })).statusCode).toBe(400);
    const extra = await put({ settings: {}, reason: '原因', effectiveFrom: '2026-01-01' });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('effectiveFrom');
  });

  it('should describe both routes under the bylaw tag in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>>; tags: { name: string }[] };
    expect(Object.keys(doc.paths['/api/bylaw'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(doc.paths['/api/bylaw']?.['put']?.tags).toEqual(['bylaw']);
    expect(doc.tags.map((tag) => tag.name)).toContain('bylaw');
  });
});
