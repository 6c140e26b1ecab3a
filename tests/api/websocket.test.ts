import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { CommittedEvent, CommittedListener } from '../../runtime/services/workflow-service.js';
import { as, buildTestApp, fakeService } from './test-app.js';

/** A fake service whose after-commit events the test fires by hand. */
function committingService() {
  const listeners = new Set<CommittedListener>();
  const service = fakeService({
    onCommitted: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { service, commit: (...events: CommittedEvent[]) => listeners.forEach((listener) => listener(events)) };
}

/** Messages after the greeting (which may arrive before the test listens). */
function collect(socket: WebSocket): unknown[] {
  const received: unknown[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string };
    if (message.type !== 'hello') received.push(message);
  });
  return received;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
}

const taskCreated: CommittedEvent = {
  type: 'task.created',
  community: 'demo',
  taskId: 'T1',
  instanceId: 'I1',
  assignee: null,
  candidateGroups: ['pm'],
  candidateUsers: [],
};

describe('websocket /api/ws', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('should push a new task only to people who may handle it', async () => {
    // given
    const { service, commit } = committingService();
    app = await buildTestApp({ service });
    const propertyClerk = await app.injectWS('/api/ws', { headers: as('zhang', ['pm']) });
    const resident = await app.injectWS('/api/ws', { headers: as('li', ['resident']) });
    const otherCommunity = await app.injectWS('/api/ws', { headers: as('wang', ['pm'], 'other') });
    const [clerkSees, residentSees, otherSees] = [collect(propertyClerk), collect(resident), collect(otherCommunity)];

    // when
    commit(taskCreated, { type: 'instance.changed', community: 'demo', instanceId: 'I1', status: 'active', version: 2 });
    propertyClerk.send(JSON.stringify({ type: 'ping' }));
    resident.send(JSON.stringify({ type: 'ping' }));
    otherCommunity.send(JSON.stringify({ type: 'ping' }));
    await until(() => [clerkSees, residentSees, otherSees].every((list) => list.some((m) => (m as { type: string }).type === 'pong')));

    // then
    expect(clerkSees).toEqual([
      { type: 'task.created', taskId: 'T1', instanceId: 'I1', assignee: null },
      { type: 'instance.changed', instanceId: 'I1', status: 'active', version: 2 },
      { type: 'pong' },
    ]);
    expect(residentSees).toEqual([{ type: 'pong' }]);
    expect(otherSees).toEqual([{ type: 'pong' }]);
    [propertyClerk, resident, otherCommunity].forEach((socket) => socket.terminate());
  });

  it('should take the identity from the query when the browser cannot send headers', async () => {
    // given
    const { service, commit } = committingService();
    app = await buildTestApp({ service });
    const socket = await app.injectWS('/api/ws?user=zhao&groups=rc,pm');
    const seen = collect(socket);

    // when
    commit({ type: 'notification.created', community: 'demo', notificationId: 'N1', recipientUser: null, recipientGroup: 'rc' });
    await until(() => seen.length >= 1);

    // then
    expect(seen).toEqual([{ type: 'notification', notificationId: 'N1' }]);
    socket.terminate();
  });

  it('should stop sending to a client that disconnected', async () => {
    // given
    const { service } = committingService();
    app = await buildTestApp({ service });
    const socket = await app.injectWS('/api/ws', { headers: as('zhang', ['pm']) });
    await until(() => app?.eventHub.size === 1);

    // when
    socket.terminate();
    await until(() => app?.eventHub.size === 0);

    // then
    expect(app.eventHub.size).toBe(0);
  });
});
