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

/**
 * Messages after the greeting (which may arrive before the test listens), and a wait that ends
 * when they satisfy a condition: re-checked at each message, so it waits for the real message,
 * however slow the machine (the test's timeout is the bound).
 */
function collect(socket: WebSocket): { readonly received: unknown[]; until(condition: (received: readonly unknown[]) => boolean): Promise<void> } {
  const received: unknown[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string };
    if (message.type !== 'hello') received.push(message);
    for (const check of waiters) check();
  });
  return {
    received,
    until: (condition) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (!condition(received)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
}

const hasPong = (received: readonly unknown[]): boolean => received.some((m) => (m as { type: string }).type === 'pong');

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
    const [clerk, residentLive, other] = [collect(propertyClerk), collect(resident), collect(otherCommunity)];

    // when
    commit(taskCreated, { type: 'instance.changed', community: 'demo', instanceId: 'I1', status: 'active', version: 2 });
    propertyClerk.send(JSON.stringify({ type: 'ping' }));
    resident.send(JSON.stringify({ type: 'ping' }));
    otherCommunity.send(JSON.stringify({ type: 'ping' }));
    await Promise.all([clerk, residentLive, other].map((live) => live.until(hasPong)));

    // then
    expect(clerk.received).toEqual([
      { type: 'task.created', taskId: 'T1', instanceId: 'I1', assignee: null },
      { type: 'instance.changed', instanceId: 'I1', status: 'active', version: 2 },
      { type: 'pong' },
    ]);
    expect(residentLive.received).toEqual([{ type: 'pong' }]);
    expect(other.received).toEqual([{ type: 'pong' }]);
    [propertyClerk, resident, otherCommunity].forEach((socket) => socket.terminate());
  });

  it('should take the identity from the query when the browser cannot send headers', async () => {
    // given
    const { service, commit } = committingService();
    app = await buildTestApp({ service });
    const socket = await app.injectWS('/api/ws?user=zhao&groups=rc,pm');
    const live = collect(socket);

    // when
    commit({ type: 'notification.created', community: 'demo', notificationId: 'N1', recipientUser: null, recipientGroup: 'rc' });
    await live.until((received) => received.length >= 1);

    // then
    expect(live.received).toEqual([{ type: 'notification', notificationId: 'N1' }]);
    socket.terminate();
  });

  it('should stop sending to a client that disconnected', async () => {
    // given
    const { service } = committingService();
    app = await buildTestApp({ service });
    const socket = await app.injectWS('/api/ws', { headers: as('zhang', ['pm']) });
    expect(app.eventHub.size).toBe(1); // the route joins the hub before its upgrade answer reaches the client
    expect(app.websocketServer.clients.size).toBe(1);
    const [serverSide] = app.websocketServer.clients;
    const serverClosed = new Promise((resolve) => serverSide?.once('close', resolve));

    // when
    socket.terminate();
    await serverClosed; // the route's own close listener (leaving the hub) was added first, so it has run

    // then
    expect(app.eventHub.size).toBe(0);
  });
});
