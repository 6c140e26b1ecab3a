import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildRealApp } from './real-app.js';
import { as } from './test-app.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('task inbox queries and admin actions', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const secretary = as('secretary', ['rc', 'party']);
  const clerk = as('li', ['rc']);
  const instanceIds: string[] = [];

  beforeAll(async () => {
    ({ app, close } = await buildRealApp());
    for (const form of ['complaint-register.form.json', 'complaint-accept.form.json']) {
      await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'form', content: fixture(form) } });
    }
    await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'bpmn', content: fixture('complaint-intake.bpmn') } });
    for (const [category, building] of [['parking', 3], ['repair', 12], ['sanitation', 7]] as const) {
      const started = await app.inject({
        method: 'POST',
        url: '/api/instances',
        headers: as('resident-1', ['resident']),
        payload: { processKey: 'complaint_intake', variables: { category, description: `${category} 问题描述`, contact: { building } } },
      });
      instanceIds.push(started.json().id);
    }
  });

  afterAll(async () => {
    await close();
  });

  const tasks = async (query: string, headers = clerk) => {
    const response = await app.inject({ method: 'GET', url: `/api/tasks?${query}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: { id: string; instanceId: string; assignee: string | null }[]; nextCursor: string | null };
  };

  it('should page through claimable tasks with a cursor and no duplicates', async () => {
    // when
    const first = await tasks('candidate=me&limit=2&sort=createdAt:asc');
    const second = await tasks(`candidate=me&limit=2&sort=createdAt:asc&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);

    // then
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    expect([...first.items, ...second.items].map((t) => t.instanceId)).toEqual(instanceIds);
  });

  it('should filter by a process variable', async () => {
    // when
    const parking = await tasks('var=category:eq:parking');
    const none = await tasks('var=category:eq:"noise"');

    // then
    expect(parking.items.map((t) => t.instanceId)).toEqual([instanceIds[0]]);
    expect(none.items).toEqual([]);
  });

  it('should show "assigned to me" after a claim and give it back on unclaim', async () => {
    // given
    const [task] = (await tasks(`instanceId=${instanceIds[1]}`)).items;

    // when
    await app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/claim`, headers: clerk });
    const mine = await tasks('assignee=me');
    await app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/unclaim`, headers: clerk });
    const mineAfter = await tasks('assignee=me');
    const unassigned = await tasks(`assignee=none&instanceId=${instanceIds[1]}`);

    // then
    expect(mine.items.map((t) => t.id)).toEqual([task?.id]);
    expect(mineAfter.items).toEqual([]);
    expect(unassigned.items.map((t) => t.id)).toEqual([task?.id]);
  });

  it('should reassign with a reason that lands in the history', async () => {
    // given
    const [task] = (await tasks(`instanceId=${instanceIds[2]}`)).items;

    // when
    const assigned = await app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/assign`, headers: secretary, payload: { assignee: 'chen', reason: '李阿姨休假 / on leave' } });
    const noReason = await app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/assign`, headers: secretary, payload: { assignee: 'chen' } });
    const history = await app.inject({ method: 'GET', url: `/api/instances/${instanceIds[2]}/history?limit=200` });

    // then
    expect(assigned.json()).toMatchObject({ assignee: 'chen' });
    expect(noReason.statusCode).toBe(400);
    const entry = history.json().items.find((h: { type: string }) => h.type === 'task.assigned');
    expect(entry).toMatchObject({ userId: 'secretary' });
    expect(JSON.stringify(entry.data)).toContain('李阿姨休假');
  });

  it('should update variables with an audited reason', async () => {
    // when
    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/instances/${instanceIds[0]}/variables`,
      headers: secretary,
      payload: { variables: { category: 'repair' }, reason: '居民来电更正类别' },
    });
    const instance = await app.inject({ method: 'GET', url: `/api/instances/${instanceIds[0]}` });
    const history = await app.inject({ method: 'GET', url: `/api/instances/${instanceIds[0]}/history?limit=200` });

    // then
    expect(updated.statusCode).toBe(200);
    expect(instance.json().variables.category).toBe('repair');
    const entry = history.json().items.find((h: { type: string }) => h.type === 'variables.updated');
    expect(entry).toMatchObject({ userId: 'secretary' });
    expect(JSON.stringify(entry.data)).toContain('居民来电更正类别');
  });

  it('should refuse malformed task queries', async () => {
    // when
    const responses = await Promise.all(
      ['sort=name', 'var=category', 'limit=0', 'limit=201', 'status=done', 'overdue=maybe', 'dueBefore=tomorrow', 'colour=red', 'cursor=%%%bad', 'cursor=bm90LWEtY3Vyc29y'].map((query) =>
        app.inject({ method: 'GET', url: `/api/tasks?${query}`, headers: clerk }),
      ),
    );

    // then
    expect(responses.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
  });

  it('should show anonymous callers no inbox at all', async () => {
    // when
    const responses = await Promise.all(['/api/tasks?assignee=me', '/api/tasks'].map((url) => app.inject({ method: 'GET', url })));

    // then
    expect(responses.map((r) => r.statusCode)).toEqual([401, 401]);
  });
});
