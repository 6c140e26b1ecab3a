import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildRealApp } from './real-app.js';
import { as } from './test-app.js';

const xml = readFileSync(new URL('./fixtures/resident-reply.bpmn', import.meta.url), 'utf8');

describe('publishing messages over REST', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const clerk = as('li', ['rc']);

  beforeAll(async () => {
    ({ app, close } = await buildRealApp());
    const deployed = await app.inject({ method: 'POST', url: '/api/definitions', headers: clerk, payload: { kind: 'bpmn', content: xml } });
    expect(deployed.statusCode).toBe(201);
  });

  afterAll(async () => {
    await close();
  });

  const publish = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/messages', headers: clerk, payload });

  it('should correlate a resident reply to the waiting case once, and ignore the repeat', async () => {
    // given a case waiting for the resident's reply
    const started = (await app.inject({ method: 'POST', url: '/api/instances', headers: clerk, payload: { processKey: 'message_catch', variables: { caseNo: 'C-1' } } })).json();
    const askTaskId = started.activeElements[0].elementInstanceId; // a user task's id is its element instance id
    const asked = await app.inject({ method: 'POST', url: `/api/tasks/${askTaskId}/complete`, headers: clerk, payload: {} });
    expect(asked.statusCode).toBe(200);

    // when the reply arrives twice with the same message id
    const first = await publish({ name: '居民回复', correlationKey: 'C-1', variables: { reply: '已解决' }, messageId: 'sms-1' });
    const repeat = await publish({ name: '居民回复', correlationKey: 'C-1', variables: { reply: '已解决' }, messageId: 'sms-1' });

    // then it reached the case once and the case moved on
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ correlated: true, instanceIds: [started.id], duplicate: false });
    expect(repeat.json()).toMatchObject({ duplicate: true });
    const instance = (await app.inject({ method: 'GET', url: `/api/instances/${started.id}` })).json();
    expect(instance.variables.reply).toBe('已解决');
    expect(instance.activeElements).toMatchObject([{ elementId: 'Task_Callback' }]);
  });

  it('should say when a message reached nobody and was not kept', async () => {
    // when
    const response = await publish({ name: '居民回复', correlationKey: 'nobody', timeToLiveMs: 0 });

    // then
    expect(response.json()).toMatchObject({ correlated: false, buffered: false, instanceIds: [] });
  });

  it('should refuse a message without a correlation key or with unknown fields', async () => {
    // when
    const missing = await publish({ name: '居民回复' });
    const extra = await publish({ name: '居民回复', correlationKey: 'C-1', priority: 'high' });

    // then
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.problems).toEqual([expect.objectContaining({ path: '/correlationKey' })]);
    expect(extra.json().details.problems).toEqual([expect.objectContaining({ path: '/priority' })]);
  });
});

describe('broadcasting signals over REST', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const secretary = as('secretary', ['party']);

  const typhoonXml = readFileSync(new URL('./fixtures/typhoon-signal.bpmn', import.meta.url), 'utf8');

  beforeAll(async () => {
    ({ app, close } = await buildRealApp());
    expect((await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'bpmn', content: typhoonXml } })).statusCode).toBe(201);
  });

  afterAll(async () => {
    await close();
  });

  it('should reach every waiting case of the community and no other', async () => {
    // given two outdoor events waiting, and one in another community
    const start = async (community: string) =>
      (await app.inject({ method: 'POST', url: '/api/instances', headers: as('secretary', ['party'], community), payload: { processKey: 'signal_catch' } })).json();
    const [first, second] = [await start('demo'), await start('demo')];
    await app.inject({ method: 'POST', url: '/api/definitions', headers: as('secretary', ['party'], 'elsewhere'), payload: { kind: 'bpmn', content: typhoonXml } });
    const other = await start('elsewhere');

    // when the all-clear is broadcast in demo
    const response = await app.inject({ method: 'POST', url: '/api/signals', headers: secretary, payload: { name: '预警解除' } });

    // then both demo cases got it, the other community's did not
    expect(response.statusCode).toBe(200);
    expect([...response.json().instanceIds].sort()).toEqual([first.id, second.id].sort());
    expect(response.json().instanceIds).not.toContain(other.id);
  });
});
