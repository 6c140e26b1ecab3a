import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { anonymousActor, type Actor } from '../actor.js';
import { mayAssignTask, mayClaimTask, mayCompleteTask, maySeeTask, mayStartProcess, mayUnclaimTask, type TaskFacts } from '../authorisation.js';
import { errorHandler } from '../../plugins/error-handler.js';
import { requireCommunityRole } from '../identity-plugin.js';
import { readStartableBy } from '../start-permissions.js';
import { readFileSync } from 'node:fs';

function user(id: string, roles: string[], community = 'demo'): Actor {
  return { ...anonymousActor, kind: 'user', userId: id, displayName: id, communities: [{ id: community, name: null, roles }], community, roles };
}

const task = (overrides: Partial<TaskFacts> = {}): TaskFacts => ({ community: 'demo', status: 'open', assignee: null, candidateUsers: ['zhou'], candidateGroups: ['rc'], ...overrides });

describe('task rules', () => {
  it('should let candidates by group or by name see and claim, and nobody else', () => {
    // given
    const rc = user('wang', ['rc']);
    const named = user('zhou', ['resident']);
    const pm = user('chen', ['pm']);
    const rcElsewhere = user('liu', ['rc'], 'east');
    // then
    expect([rc, named, pm, rcElsewhere].map((actor) => maySeeTask(actor, task()))).toEqual([true, true, false, false]);
    expect([rc, named, pm, rcElsewhere].map((actor) => mayClaimTask(actor, task()))).toEqual([true, true, false, false]);
  });

  it('should let only the assignee complete an assigned task, and a candidate an unassigned one', () => {
    const wang = user('wang', ['rc']);
    const li = user('li', ['rc']);
    expect(mayCompleteTask(li, task({ assignee: 'wang' }))).toBe(false);
    expect(mayCompleteTask(wang, task({ assignee: 'wang' }))).toBe(true);
    expect(mayCompleteTask(li, task())).toBe(true);
    expect(mayCompleteTask(user('admin', ['admin']), task())).toBe(false);
  });

  it('should let the assignee or an admin give a task back, and only an admin reassign', () => {
    expect(mayUnclaimTask(user('wang', ['rc']), task({ assignee: 'wang' }))).toBe(true);
    expect(mayUnclaimTask(user('li', ['rc']), task({ assignee: 'wang' }))).toBe(false);
    expect(mayUnclaimTask(user('boss', ['admin']), task({ assignee: 'wang' }))).toBe(true);
    expect(mayAssignTask(user('wang', ['rc']), task())).toBe(false);
    expect(mayAssignTask(user('boss', ['admin']), task())).toBe(true);
    expect(mayAssignTask(user('boss', ['admin'], 'east'), task())).toBe(false);
  });
});

describe('start rules', () => {
  it('should follow startableBy, with staff entering resident cases on their behalf', () => {
    expect(mayStartProcess(user('a', ['resident']), ['resident', 'public'])).toBe(true);
    expect(mayStartProcess(user('a', ['rc']), ['resident'])).toBe(true);
    expect(mayStartProcess(user('a', ['bl']), ['resident'])).toBe(false);
    expect(mayStartProcess(user('a', ['rc']), ['oc'])).toBe(false);
    expect(mayStartProcess(user('a', ['oc']), ['oc'])).toBe(true);
    expect(mayStartProcess(user('a', ['resident']), null)).toBe(false);
    expect(mayStartProcess(user('a', ['party']), null)).toBe(true);
    expect(mayStartProcess(anonymousActor, ['public'])).toBe(false);
  });

  it('should read startableBy from the start event before the process', async () => {
    // given
    const opinion = readFileSync(new URL('./fixtures/resident-opinion.bpmn', import.meta.url), 'utf8');
    const decision = readFileSync(new URL('./fixtures/major-decision.bpmn', import.meta.url), 'utf8');
    // then
    expect(await readStartableBy(opinion, 'resident_opinion')).toEqual(['resident', 'rc', 'public']);
    expect(await readStartableBy(decision, 'major_decision')).toEqual(['oc']);
    expect(await readStartableBy(decision, 'no_such_process')).toBeNull();
  });
});

describe('requireCommunityRole', () => {
  it('should pass holders of the role and admins, and refuse others', async () => {
    // given: a route of one's own guarded by the helper
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    app.decorateRequest('actor', null as unknown as Actor); // set per request below
    app.addHook('onRequest', async (request) => {
      const header = request.headers['x-test-roles'];
      request.actor = typeof header === 'string' ? user('u', header.split(',')) : anonymousActor;
    });
    app.get('/minutes', { preHandler: requireCommunityRole('party', 'rc') }, async () => ({ ok: true }));
    // when
    const statuses = [];
    for (const roles of ['rc', 'admin', 'resident', undefined]) {
      statuses.push((await app.inject({ method: 'GET', url: '/minutes', headers: roles === undefined ? {} : { 'x-test-roles': roles } })).statusCode);
    }
    // then
    expect(statuses).toEqual([200, 200, 403, 401]);
    await app.close();
  });
});
