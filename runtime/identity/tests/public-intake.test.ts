import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn } from '../testing/identity-fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('public intake and tracking codes', () => {
  let t: IdentityTestApp;

  const challenge = async (remoteAddress = '192.0.2.1') => {
    const response = await t.app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress });
    const body = response.json() as { challengeId: string; question: string };
    const [, a, b] = /What is (\d+) plus (\d+)/.exec(body.question) ?? [];
    return { challengeId: body.challengeId, answer: String(Number(a) + Number(b)), question: body.question };
  };
  const submit = async (payload: Record<string, unknown>, remoteAddress = '192.0.2.1') =>
    t.app.inject({ method: 'POST', url: '/api/public/communities/demo/intake', payload, remoteAddress });
  const track = async (code: string, remoteAddress = '192.0.2.50') => t.app.inject({ method: 'POST', url: '/api/public/track', payload: { code }, remoteAddress });

  beforeAll(async () => {
    t = await buildIdentityTestApp({ intakePerHour: 3, trackingPerMinute: 5 });
    await givenCommunity(t.identity, 'demo', '东明路街道 · 示范居民区');
    await givenUser(t.identity, { id: 'wang', roles: { demo: ['rc'] } });
    const acting = { community: 'demo', userId: 'admin' };
    await t.workflow.deployDefinition({ ...acting, kind: 'form', content: fixture('opinion-reply.form.json') });
    await t.workflow.deployDefinition({ ...acting, kind: 'bpmn', content: fixture('resident-opinion.bpmn') });
    await t.workflow.deployDefinition({ ...acting, kind: 'bpmn', content: fixture('major-decision.bpmn') });
  });
  afterAll(async () => t.close());

  it('should offer only processes whose startableBy lists public', async () => {
    // when
    const response = await t.app.inject({ method: 'GET', url: '/api/public/communities/demo/intake' });
    // then
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ community: { id: 'demo', name: '东明路街道 · 示范居民区' } });
    expect((response.json() as { processes: { key: string }[] }).processes.map((p) => p.key)).toEqual(['resident_opinion']);
  });

  it('should ask the question in Chinese numerals first', async () => {
    const { question } = await challenge();
    expect(question).toMatch(/^[一二三四五六七八九] 加 [一二三四五六七八九] 等于几？/);
  });

  it('should refuse a wrong answer, and a right answer given a second time', async () => {
    // given
    const first = await challenge();
    // when
    const wrong = await submit({ processKey: 'resident_opinion', challengeId: first.challengeId, answer: String(Number(first.answer) + 1) });
    const retried = await submit({ processKey: 'resident_opinion', challengeId: first.challengeId, answer: first.answer });
    // then: a challenge is good for one try only
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'WF_HUMAN_CHECK_FAILED' });
    expect(retried.statusCode).toBe(422);
  });

  it('should refuse a process that is not offered publicly as if it did not exist', async () => {
    const { challengeId, answer } = await challenge('192.0.2.9');
    const response = await submit({ processKey: 'major_decision', challengeId, answer }, '192.0.2.9');
    expect(response.statusCode).toBe(404);
  });

  it('should give a long random tracking code that shows status and public replies, never internal notes', async () => {
    // given: a resident submits, staff write an internal note and a public reply
    const { challengeId, answer } = await challenge('192.0.2.2');
    const submitted = await submit({ processKey: 'resident_opinion', challengeId, answer, variables: { text: '3 号楼电梯异响' } }, '192.0.2.2');
    expect(submitted.statusCode).toBe(201);
    const { trackingCode } = submitted.json() as { trackingCode: string };
    const [instance] = (await t.workflow.listInstances({ community: 'demo', processKey: 'resident_opinion' })).items;
    const staff = await signIn(t.app, 'wang');
    for (const [visibility, body] of [['internal', '业主张某，电话 138xxxx，曾多次投诉'], ['public', '已联系电梯维保单位，本周内检修']] as const) {
      const added = await t.app.inject({ method: 'POST', url: `/api/instances/${instance?.id ?? ''}/comments`, headers: staff.headers, payload: { body, visibility } });
      expect(added.statusCode).toBe(201);
    }
    // when
    const response = await track(trackingCode.toLowerCase().replace(/-/g, ' '));
    // then
    expect(trackingCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { status: string; replies: { body: string }[] };
    expect(body.status).toBe('in-progress');
    expect(body.replies.map((reply) => reply.body)).toEqual(['已联系电梯维保单位，本周内检修']);
    expect(response.body).not.toContain('138xxxx');
    expect(response.body).not.toContain('电梯异响');
    expect(response.body).not.toContain('wang');
    expect(response.body).not.toContain(instance?.id ?? '?');
  });

  it('should store only a hash of the tracking code', async () => {
    const rows = await t.identity.db.all('SELECT code_hash FROM id_tracking_code');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(String(row.code_hash)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should answer unknown and malformed codes alike and limit lookups per address', async () => {
    // when
    const answers = [];
    for (const code of ['AAAA-AAAA-AAAA-AAAA-AAAA', 'short', 'AAAA-AAAA-AAAA-AAAA-AAAB', "' OR 1=1 --", 'AAAA-AAAA-AAAA-AAAA-AAAC', 'AAAA-AAAA-AAAA-AAAA-AAAD']) {
      answers.push(await track(code, '192.0.2.66'));
    }
    // then: the same 404 for the first five, then the address must wait
    expect(answers.slice(0, 5).map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(answers.slice(0, 5).map((a) => a.body)).size).toBe(1);
    expect(answers[5]?.statusCode).toBe(429);
    expect(answers[5]?.headers['retry-after']).toBeDefined();
  });

  it('should limit submissions per address', async () => {
    // given: this address already submitted up to the limit (3 per hour here)
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { challengeId, answer } = await challenge('192.0.2.77');
      statuses.push((await submit({ processKey: 'resident_opinion', challengeId, answer }, '192.0.2.77')).statusCode);
    }
    // then
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
