import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../../tests/api/test-app.js';
import { policyKey, routePolicies } from '../route-policies.js';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, testPassword, type BrowserSession } from '../testing/identity-fixtures.js';

/**
 * Who may call which route. One row per API route, one column per kind of caller; every caller
 * acts with its own session (demo users in `demo`, the other-community user in `other`) on real
 * resources of `demo` (lists answer each caller's own community, so the other-community user
 * may list, and sees only its own rows):
 *   Y = allowed: any answer but a refusal;
 *   N = refused: 401, 403 (forbidden / CSRF), or 404 for something the caller may not see.
 * A registered route without a row fails this test; so does a row without a route.
 */
const callers = ['party', 'rc', 'oc', 'pm', 'bl', 'vol', 'rep', 'resident', 'subDistrictAdmin', 'communityAdmin', 'anonymous', 'otherCommunity', 'workerToken', 'readOnlyToken'] as const;
type Caller = (typeof callers)[number];

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** A sub-district template (definitions/templates) the community admin copied, for the template-update rows. */
const adoptedTemplate = 'opinion';
/** The template the from-template row copies again and again (its draft is discarded before each call). */
const copiedTemplate = 'complaint';

// prettier-ignore
const matrix: Readonly<Record<string, { readonly expect: string; readonly request?: RequestBuilder; readonly freshSession?: boolean }>> = {
  //                                                 party rc oc pm bl vol rep res sub adm anon oth wrk rdr
  'GET /api/health':                                 { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y' },
  'POST /api/definitions':                           { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ payload: { kind: 'form', content: fixture('opinion-reply.form.json') } }) },
  'POST /api/definitions/upload':                    { expect: 'N N N N N N N N Y Y N N N N', request: async () => multipart({}, { name: 'opinion-reply.form', type: 'application/json', content: fixture('opinion-reply.form.json') }) },
  'GET /api/definitions':                            { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'GET /api/definitions/:kind/:key':                 { expect: 'Y Y Y Y Y Y Y Y Y Y N N N Y' },
  'GET /api/definitions/:kind/:key/versions':        { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'POST /api/instances':                             { expect: 'Y Y Y Y N N N Y Y Y N N N N', request: async () => ({ payload: { processKey: 'resident_opinion' } }) },
  'GET /api/instances':                              { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'GET /api/instances/:id':                          { expect: 'Y Y Y Y N N N Y Y Y N N N Y' },
  'GET /api/instances/:id/history':                  { expect: 'Y Y Y Y N N N Y Y Y N N N Y' },
  'POST /api/instances/:id/cancel':                  { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/instances/${(await f.freshCase()).instanceId}/cancel`, payload: { reason: '重复提交 / duplicate' } }) },
  'PATCH /api/instances/:id/variables':              { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/instances/${(await f.freshCase()).instanceId}/variables`, payload: { variables: { building: 12 }, reason: '更正楼号 / building number fixed' } }) },
  'GET /api/instances/:id/comments':                 { expect: 'Y Y Y Y N N N Y Y Y N N N Y' },
  'POST /api/instances/:id/comments':                { expect: 'Y Y Y Y N N N Y Y Y N N N N', request: async () => ({ payload: { body: '已收到 / received', visibility: 'public' } }) },
  'GET /api/instances/:id/attachments':              { expect: 'Y Y Y Y N N N N Y Y N N N Y' },
  'POST /api/instances/:id/attachments':             { expect: 'Y Y Y Y N N N Y Y Y N N N N', request: async () => multipart({}, { name: '现场照片.txt', type: 'text/plain', content: 'photo' }) },
  'GET /api/attachments/:id':                        { expect: 'Y Y Y Y N N N N Y Y N N N Y' },
  'GET /api/attachments/:id/content':                { expect: 'Y Y Y Y N N N N Y Y N N N Y' },
  'GET /api/tasks':                                  { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'GET /api/tasks/:id':                              { expect: 'N Y N N N N N N Y Y N N N Y' },
  'GET /api/tasks/:id/form':                         { expect: 'N Y N N N N N N Y Y N N N Y' },
  'POST /api/tasks/:id/claim':                       { expect: 'N Y N N N N N N N N N N N N', request: async (f) => ({ url: `/api/tasks/${(await f.freshCase()).taskId}/claim` }) },
  'POST /api/tasks/:id/unclaim':                     { expect: 'N Y N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/tasks/${(await f.freshCase('m-rc')).taskId}/unclaim` }) },
  'POST /api/tasks/:id/complete':                    { expect: 'N Y N N N N N N N N N N N N', request: async (f) => ({ url: `/api/tasks/${(await f.freshCase()).taskId}/complete`, payload: { variables: { result: '已修复 / fixed' } } }) },
  'POST /api/tasks/:id/assign':                      { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/tasks/${(await f.freshCase()).taskId}/assign`, payload: { assignee: 'm-rc', reason: '请王社工处理 / for Wang' } }) },
  'POST /api/messages':                              { expect: 'N N N N N N N N Y Y N N Y N', request: async () => ({ payload: { name: 'visit-done', correlationKey: 'k-1' } }) },
  'POST /api/signals':                               { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ payload: { name: 'typhoon-warning' } }) },
  'GET /api/incidents':                              { expect: 'Y Y Y Y N N N N Y Y N Y N Y' },
  'POST /api/incidents/:id/retry':                   { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/incidents/${await f.freshIncident()}/retry`, payload: {} }) },
  'POST /api/jobs/activate':                         { expect: 'N N N N N N N N Y Y N N Y N', request: async () => ({ payload: { type: 'nothing-here', worker: 'w1', maxJobs: 1, lockTimeoutMs: 1000 } }) },
  'POST /api/jobs/:key/complete':                    { expect: 'N N N N N N N N Y Y N N Y N', request: async (f) => ({ url: `/api/jobs/${await f.freshJob()}/complete`, payload: { worker: 'matrix' } }) },
  'POST /api/jobs/:key/fail':                        { expect: 'N N N N N N N N Y Y N N Y N', request: async (f) => ({ url: `/api/jobs/${await f.freshJob()}/fail`, payload: { worker: 'matrix', retries: 1, errorMessage: 'printer offline' } }) },
  'POST /api/jobs/:key/error':                       { expect: 'N N N N N N N N Y Y N N Y N', request: async (f) => ({ url: `/api/jobs/${await f.freshJob()}/error`, payload: { worker: 'matrix', errorCode: 'NO_ROOM' } }) },
  'GET /api/notifications':                          { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'POST /api/notifications/:id/read':                { expect: 'Y Y Y Y Y Y Y Y Y Y N N N N' },
  'GET /api/ws':                                     { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'GET /api/retention-policies':                     { expect: 'N N N N N N N N Y Y N N N N' },
  'PUT /api/retention-policies/:processKey':         { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: '/api/retention-policies/resident_opinion', payload: { years: 5 } }) },
  'DELETE /api/retention-policies/:processKey':      { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/retention-policies/${await f.freshRetentionPolicy()}` }) },
  'GET /api/bylaw':                                  { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'PUT /api/bylaw':                                  { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ payload: { settings: { fundHearingThreshold: 6000 }, reason: '业主大会修订规约 / bylaw amended' } }) },
  'GET /api/calendar/years':                         { expect: 'Y Y Y Y N N N N Y Y N Y N Y' },
  'PUT /api/calendar/years/:year':                   { expect: 'N N N N N N N N Y N N N N N', request: async () => ({ url: '/api/calendar/years/2030', payload: { year: 2030, holidays: ['2030-01-01'], workdays: [], source: '矩阵测试 / matrix test' } }) },
  'POST /api/auth/login':                            { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y', freshSession: true, request: async () => ({ payload: { username: 'm-login', password: testPassword } }) },
  'POST /api/auth/logout':                           { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N N', freshSession: true },
  'GET /api/auth/me':                                { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y' },
  'POST /api/auth/password':                         { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N N', request: async () => ({ payload: { currentPassword: 'not my password', newPassword: 'whatever it is now' } }) },
  'POST /api/auth/community':                        { expect: 'Y Y Y Y Y Y Y Y Y Y N N N N', request: async () => ({ payload: { community: 'demo' } }) },
  'GET /api/communities':                            { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N N' },
  'POST /api/communities':                           { expect: 'N N N N N N N N Y N N N N N', request: async (f) => ({ payload: { id: f.unique('c'), name: '新居民区' } }) },
  'GET /api/roles':                                  { expect: 'Y Y Y Y Y Y Y Y Y Y N Y N Y' },
  'POST /api/roles':                                 { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ payload: { key: f.unique('garden'), name: '绿化小组' } }) },
  'DELETE /api/roles/:key':                          { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/roles/${await f.freshRole()}` }) },
  'GET /api/users':                                  { expect: 'N N N N N N N N Y Y N N N N' },
  'POST /api/users':                                 { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ payload: { id: f.unique('new'), displayName: '新用户', roles: ['vol'] } }) },
  'PUT /api/users/:id/roles':                        { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: '/api/users/m-target/roles', payload: { roles: ['resident', 'vol'], reason: '加入志愿者队伍 / joined the volunteers' } }) },
  'POST /api/users/:id/reset-password':              { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: '/api/users/m-target/reset-password', payload: { reason: '忘记密码 / forgot it' } }) },
  'GET /api/tokens':                                 { expect: 'N N N N N N N N Y Y N N N N' },
  'POST /api/tokens':                                { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ payload: { name: '门禁系统', scope: 'read-only' } }) },
  'DELETE /api/tokens/:id':                          { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ url: `/api/tokens/${await f.freshToken()}` }) },
  'GET /api/audit':                                  { expect: 'N N N N N N N N Y Y N N N N' },
  // statistics: staff of the community (and admins); another community's report is refused
  'GET /api/stats/cases':                            { expect: 'Y Y Y Y N N N N Y Y N Y N Y' },
  'GET /api/stats/evaluations':                      { expect: 'Y Y Y Y N N N N Y Y N Y N Y' },
  'GET /api/stats/patrols':                          { expect: 'Y Y Y Y N N N N Y Y N Y N Y' },
  'GET /api/stats/steps':                            { expect: 'Y Y Y Y N N N N Y Y N Y N Y', request: async () => ({ url: '/api/stats/steps?processKey=resident_opinion' }) },
  'GET /api/stats/export':                           { expect: 'Y Y Y Y N N N N Y Y N Y N Y', request: async () => ({ url: '/api/stats/export?chart=cases&format=csv' }) },
  'GET /api/stats/report/:community':                { expect: 'Y Y Y Y N N N N Y Y N N N Y', request: async () => ({ url: '/api/stats/report/demo?month=2026-02' }) },
  'GET /api/public/board/:community':                { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y' },
  // the process library: staff read and open, the community admin copies, drafts and publishes
  'GET /api/library/templates':                      { expect: 'Y Y Y Y N N N N Y Y N Y N Y' },
  'GET /api/library/templates/:key':                 { expect: 'Y Y Y Y N N N N Y Y N Y N Y', request: async () => ({ url: '/api/library/templates/complaint' }) },
  'GET /api/library/processes':                      { expect: 'Y Y Y Y N N N N Y Y N Y N Y' },
  'POST /api/library/processes/from-template':       { expect: 'N N N N N N N N Y Y N N N N', request: async (f) => ({ payload: { templateKey: await f.freshTemplateCopy() } }) },
  'GET /api/library/:kind/:key/editable':            { expect: 'Y Y Y Y N N N N Y Y N N N Y', request: async () => ({ url: '/api/library/processes/resident_opinion/editable' }) },
  'PUT /api/library/:kind/:key/draft':               { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: '/api/library/processes/resident_opinion/draft', payload: { content: fixture('resident-opinion.bpmn') } }) },
  'DELETE /api/library/:kind/:key/draft':            { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: '/api/library/processes/resident_opinion/draft' }) },
  'POST /api/library/processes/:key/publish':        { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: '/api/library/processes/resident_opinion/publish', payload: { content: fixture('resident-opinion.bpmn') } }) },
  'POST /api/library/forms/:key/publish':            { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: '/api/library/forms/opinion-reply/publish', payload: { content: fixture('opinion-reply.form.json') } }) },
  'GET /api/library/processes/:key/template-update': { expect: 'Y Y Y Y N N N N Y Y N N N Y', request: async () => ({ url: `/api/library/processes/${adoptedTemplate}/template-update` }) },
  'POST /api/library/processes/:key/adopt-template': { expect: 'N N N N N N N N Y Y N N N N', request: async () => ({ url: `/api/library/processes/${adoptedTemplate}/adopt-template` }) },
  'GET /api/library/monitor/:key':                   { expect: 'Y Y Y Y N N N N Y Y N Y N Y', request: async () => ({ url: '/api/library/monitor/resident_opinion' }) },
  'GET /api/library/monitor/:key/instances':         { expect: 'Y Y Y Y N N N N Y Y N Y N Y', request: async () => ({ url: '/api/library/monitor/resident_opinion/instances' }) },
  'GET /api/library/instances/:id/path':             { expect: 'Y Y Y Y N N N N Y Y N N N Y', request: async (f) => ({ url: `/api/library/instances/${f.shared.instanceId}/path` }) },
  'GET /api/public/challenge':                       { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y' },
  'GET /api/public/communities/:community/intake':   { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y' },
  'POST /api/public/communities/:community/intake':  { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y', request: async (f) => ({ payload: { processKey: 'resident_opinion', ...(await f.freshChallenge()) } }) },
  'POST /api/public/track':                          { expect: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y', request: async (f) => ({ payload: { code: f.shared.trackingCode } }) },
};

interface Shared {
  instanceId: string;
  taskId: string;
  attachmentId: string;
  notificationId: string;
  trackingCode: string;
}

interface Fixtures {
  readonly shared: Shared;
  freshCase(claimedBy?: string): Promise<{ instanceId: string; taskId: string }>;
  freshJob(): Promise<string>;
  freshIncident(): Promise<string>;
  freshRole(): Promise<string>;
  freshToken(): Promise<string>;
  freshChallenge(): Promise<{ challengeId: string; answer: string }>;
  freshTemplateCopy(): Promise<string>;
  freshRetentionPolicy(): Promise<string>;
  unique(prefix: string): string;
}

type RequestParts = { url?: string; payload?: unknown; headers?: Record<string, string> };
type RequestBuilder = (fixtures: Fixtures) => Promise<RequestParts>;

const userOf: Partial<Record<Caller, string>> = {
  party: 'm-party',
  rc: 'm-rc',
  oc: 'm-oc',
  pm: 'm-pm',
  bl: 'm-bl',
  vol: 'm-vol',
  rep: 'm-rep',
  resident: 'm-resident',
  subDistrictAdmin: 'm-sub',
  communityAdmin: 'm-admin',
  otherCommunity: 'm-other',
};

describe('authorisation matrix', () => {
  let t: IdentityTestApp;
  let fixtures: Fixtures;
  const sessions = new Map<Caller, BrowserSession>();
  const tokens = new Map<Caller, string>();
  let counter = 0;

  const headersOf = async (caller: Caller, fresh: boolean): Promise<Record<string, string>> => {
    const user = userOf[caller];
    if (user !== undefined) return (fresh ? await signIn(t.app, user) : (sessions.get(caller) ?? (await signIn(t.app, user)))).headers;
    const token = tokens.get(caller);
    return token === undefined ? {} : { authorization: `Bearer ${token}` };
  };

  beforeAll(async () => {
    t = await buildIdentityTestApp({ intakePerHour: 10_000, trackingPerMinute: 10_000, throttle: { accountFailures: 1000, addressFailures: 1000, windowMs: 60_000, lockMs: 60_000 } });
    await givenCommunity(t.identity, 'demo', '东明路街道 · 示范居民区');
    await givenCommunity(t.identity, 'other', '另一个居民区');
    for (const role of ['party', 'rc', 'oc', 'pm', 'bl', 'vol', 'rep', 'resident'] as const) await givenUser(t.identity, { id: `m-${role}`, roles: { demo: [role] } });
    await givenUser(t.identity, { id: 'm-sub', subDistrictAdmin: true });
    await givenUser(t.identity, { id: 'm-admin', roles: { demo: ['admin'] } });
    await givenUser(t.identity, { id: 'm-other', roles: { other: ['rc', 'resident'] } });
    await givenUser(t.identity, { id: 'm-target', roles: { demo: ['resident'] } });
    await givenUser(t.identity, { id: 'm-login', roles: { demo: ['resident'] } });
    for (const caller of callers) {
      const user = userOf[caller];
      if (user !== undefined) sessions.set(caller, await signIn(t.app, user));
    }
    tokens.set('workerToken', (await t.identity.tokens.create({ community: 'demo', scope: 'worker', name: 'worker', createdBy: 'm-admin', expiresAt: null })).token);
    tokens.set('readOnlyToken', (await t.identity.tokens.create({ community: 'demo', scope: 'read-only', name: 'reader', createdBy: 'm-admin', expiresAt: null })).token);

    const wf = t.workflow;
    const acting = { community: 'demo', userId: 'm-admin' };
    await wf.deployDefinition({ ...acting, kind: 'form', content: fixture('opinion-reply.form.json') });
    await wf.deployDefinition({ ...acting, kind: 'bpmn', content: fixture('resident-opinion.bpmn') });
    await wf.deployDefinition({ ...acting, kind: 'bpmn', content: fixture('major-decision.bpmn') });

    const freshCase = async (claimedBy?: string) => {
      const instance = await wf.startInstance({ community: 'demo', userId: 'm-resident', processKey: 'resident_opinion' });
      const task = (await wf.queryTasks({ community: 'demo', instanceId: instance.id })).items[0];
      if (task === undefined) throw new Error('the opinion case should wait at its task');
      if (claimedBy !== undefined) await wf.claimTask({ community: 'demo', userId: claimedBy, taskId: task.id });
      return { instanceId: instance.id, taskId: task.id };
    };
    const freshJob = async () => {
      await wf.startInstance({ community: 'demo', userId: 'm-oc', processKey: 'major_decision' });
      const [job] = await wf.activateJobs({ community: 'demo', type: 'matrix-job', worker: 'matrix', maxJobs: 1, lockTimeoutMs: 600_000 });
      if (job === undefined) throw new Error('the decision case should wait at its job');
      return job.key;
    };
    const shared = await freshCase();
    const rc = sessions.get('rc');
    const upload = multipart({ visibility: 'internal' }, { name: '内部记录.txt', type: 'text/plain', content: 'internal note' });
    const attachment = await t.app.inject({ method: 'POST', url: `/api/instances/${shared.instanceId}/attachments`, payload: upload.payload, headers: { ...upload.headers, ...rc?.headers } });
    expect(attachment.statusCode).toBe(201);
    await t.identity.db.run(
      "INSERT INTO wf_notification (id, community, recipient_user, recipient_group, title, body, instance_id, created_at, read_at) VALUES ('n-matrix', 'demo', NULL, 'rc', '新意见', '请办理', ?, 0, NULL)",
      [shared.instanceId],
    );
    const asAdmin = async (method: InjectOptions['method'], url: string, payload?: InjectOptions['payload']) =>
      t.app.inject({ method, url, headers: sessions.get('communityAdmin')?.headers ?? {}, ...(payload === undefined ? {} : { payload }) });
    const copied = await asAdmin('POST', '/api/library/processes/from-template', { templateKey: adoptedTemplate });
    expect(copied.statusCode, copied.body).toBe(201);
    fixtures = {
      shared: {
        ...shared,
        attachmentId: (attachment.json() as { id: string }).id,
        notificationId: 'n-matrix',
        trackingCode: await t.identity.trackingCodes.issue('demo', shared.instanceId),
      },
      freshCase,
      freshJob,
      freshIncident: async () => {
        const key = await freshJob();
        await wf.failJob({ community: 'demo', jobKey: key, worker: 'matrix', retries: 0, errorMessage: 'printer offline' });
        const incident = (await wf.listIncidents({ community: 'demo', status: 'open' })).items.find((item) => item.jobKey === key);
        if (incident === undefined) throw new Error('a failed job without retries should raise an incident');
        return incident.id;
      },
      freshRole: async () => {
        const key = `tmp${++counter}`;
        await t.identity.communities.addRole('demo', { key, name: '临时小组' });
        return key;
      },
      freshToken: async () => (await t.identity.tokens.create({ community: 'demo', scope: 'read-only', name: 'temp', createdBy: 'm-admin', expiresAt: null })).record.id,
      freshChallenge: async () => {
        const challenge = await t.identity.humanCheck.issue();
        const [, a, b] = /What is (\d+) plus (\d+)/.exec(challenge.question) ?? [];
        return { challengeId: challenge.challengeId, answer: String(Number(a) + Number(b)) };
      },
      freshTemplateCopy: async () => {
        const discarded = await asAdmin('DELETE', `/api/library/processes/${copiedTemplate}/draft`);
        expect(discarded.statusCode, discarded.body).toBe(204);
        return copiedTemplate;
      },
      freshRetentionPolicy: async () => {
        await wf.setRetentionPolicy({ community: 'demo', userId: 'm-admin', processKey: 'major_decision', retainYears: 10 });
        return 'major_decision';
      },
      unique: (prefix) => `${prefix}${++counter}`,
    };
  }, 180_000);
  afterAll(async () => t.close());

  it('should have one row for every registered API route, and no row without a route', () => {
    // given
    const registered = [...new Set(t.app.identityRoutes.map((route) => policyKey(route.method, route.url)))].sort();
    // then
    expect(registered.filter((key) => matrix[key] === undefined)).toEqual([]);
    expect(registered.filter((key) => routePolicies[key] === undefined)).toEqual([]);
    expect(Object.keys(matrix).filter((key) => !registered.includes(key))).toEqual([]);
    expect(registered.length).toBeGreaterThan(50);
  });

  it('should allow and refuse exactly as the table says', async () => {
    const mismatches: string[] = [];
    for (const [key, row] of Object.entries(matrix)) {
      const expected = row.expect.split(' ');
      expect(expected, `row ${key} has one entry per caller`).toHaveLength(callers.length);
      const [method = 'GET', path = ''] = key.split(' ');
      for (const [index, caller] of callers.entries()) {
        const parts = row.request === undefined ? {} : await row.request(fixtures);
        const url = parts.url ?? substitute(path, fixtures.shared);
        const headers = { ...(parts.headers ?? {}), ...(await headersOf(caller, row.freshSession === true)) };
        const outcome = key === 'GET /api/ws' ? await webSocketOutcome(url, headers) : await httpOutcome({ method: method as InjectOptions['method'], url, headers, payload: parts.payload as InjectOptions['payload'] });
        if (outcome.status >= 500) mismatches.push(`${key} as ${caller}: server error ${outcome.status} ${outcome.code}`);
        const got = outcome.refused ? 'N' : 'Y';
        if (got !== expected[index]) mismatches.push(`${key} as ${caller}: expected ${expected[index]}, got ${outcome.status} ${outcome.code}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000);

  async function httpOutcome(options: InjectOptions): Promise<{ status: number; code: string; refused: boolean }> {
    const response = await t.app.inject(options);
    let code = '';
    try {
      code = String((response.json() as { code?: unknown }).code ?? '');
    } catch {
      code = '';
    }
    return { status: response.statusCode, code, refused: isRefusal(response.statusCode, code) };
  }

  async function webSocketOutcome(url: string, headers: Record<string, string>): Promise<{ status: number; code: string; refused: boolean }> {
    try {
      const socket = await t.app.injectWS(url, { headers });
      socket.terminate();
      return { status: 101, code: '', refused: false };
    } catch (error) {
      const status = Number(/\b(\d{3})\b/.exec(String(error))?.[1] ?? 0);
      return { status, code: String(error), refused: status === 401 || status === 403 };
    }
  }
});

/** A refusal: not signed in, not allowed, or not visible (404 on a resource that exists). */
function isRefusal(status: number, code: string): boolean {
  if (status === 404) return true;
  if (status === 401) return code === 'WF_UNAUTHENTICATED';
  if (status === 403) return ['WF_FORBIDDEN', 'WF_CSRF', 'WF_PASSWORD_CHANGE_REQUIRED', 'WF_STATS_FORBIDDEN'].includes(code);
  return false;
}

function substitute(path: string, shared: Shared): string {
  return path
    .replace('/api/definitions/:kind/:key', '/api/definitions/bpmn/resident_opinion')
    .replace('/api/instances/:id', `/api/instances/${shared.instanceId}`)
    .replace('/api/tasks/:id', `/api/tasks/${shared.taskId}`)
    .replace('/api/attachments/:id', `/api/attachments/${shared.attachmentId}`)
    .replace('/api/notifications/:id', `/api/notifications/${shared.notificationId}`)
    .replace(':community', 'demo');
}
