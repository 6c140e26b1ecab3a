import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { socketCloseCodes } from '../live-sockets.js';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, testPassword, type BrowserSession } from '../testing/identity-fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface Live {
  readonly socket: WebSocket;
  /** Message types received, the greeting included. */
  readonly received: string[];
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** Waits still pending; each is re-checked whenever any test socket receives a message. */
const waiters = new Set<() => void>();
const messageArrived = (): void => [...waiters].forEach((check) => check());

/** Ends when `condition` holds: waits for the real message, however slow the machine (the test's timeout is the bound). */
function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!condition()) return;
      waiters.delete(check);
      resolve();
    };
    waiters.add(check);
    check();
  });
}

/**
 * A live-update socket lives no longer than the session or token it was opened with: sign-out,
 * password change, an admin's reset, a role change, revocation, expiry and a revocation written
 * by another node each close it, and nothing reaches it afterwards. A second rc clerk stays
 * connected throughout and shows that the event the closed socket missed was really sent.
 */
describe('websockets end with their session', () => {
  let t: IdentityTestApp;
  let admin: BrowserSession;
  let counter = 0;

  const connect = async (headers: Record<string, string>): Promise<Live> => {
    const received: string[] = [];
    let resolveClosed: (value: { code: number; reason: string }) => void = () => undefined;
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      resolveClosed = resolve;
    });
    const socket = await t.app.injectWS('/api/ws', { headers }, {
      onInit: (ws) => {
        ws.on('message', (data) => {
          received.push((JSON.parse(data.toString()) as { type: string }).type);
          messageArrived();
        });
        ws.on('close', (code, reason) => resolveClosed({ code, reason: reason.toString() }));
      },
    });
    await until(() => received.includes('hello'));
    expect(received).toEqual(['hello']);
    return { socket, received, closed };
  };

  /** Starts an opinion case: its first task is offered to rc, so every rc clerk's socket hears of it. */
  const newOpinionTask = async (): Promise<void> => {
    await t.workflow.startInstance({ community: 'demo', userId: 'ws-resident', processKey: 'resident_opinion' });
  };

  /** A fresh rc clerk, signed in. */
  const freshClerk = async (): Promise<{ id: string; session: BrowserSession }> => {
    const id = `ws-rc${++counter}`;
    await givenUser(t.identity, { id, roles: { demo: ['rc'] } });
    return { id, session: await signIn(t.app, id) };
  };

  /** The witness: an rc clerk whose socket stays open; returns how many task.created it has seen. */
  let witness: Live;
  const witnessed = () => witness.received.filter((type) => type === 'task.created').length;
  const expectMissed = async (live: Live, seenBefore: number) => {
    await newOpinionTask();
    await until(() => witnessed() > seenBefore);
    expect(witnessed()).toBe(seenBefore + 1);
    expect(live.received).toEqual(['hello']);
  };

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenUser(t.identity, { id: 'ws-admin', roles: { demo: ['admin'] } });
    await givenUser(t.identity, { id: 'ws-resident', roles: { demo: ['resident'] } });
    await givenUser(t.identity, { id: 'ws-witness', roles: { demo: ['rc'] } });
    admin = await signIn(t.app, 'ws-admin');
    await t.workflow.deployDefinition({ community: 'demo', userId: 'ws-admin', kind: 'form', content: fixture('opinion-reply.form.json') });
    await t.workflow.deployDefinition({ community: 'demo', userId: 'ws-admin', kind: 'bpmn', content: fixture('resident-opinion.bpmn') });
    witness = await connect((await signIn(t.app, 'ws-witness')).headers);
  }, 60_000);
  afterAll(async () => t.close());

  it('should deliver to a connected clerk (the baseline the other cases break)', async () => {
    // given
    const clerk = await freshClerk();
    const live = await connect(clerk.session.headers);
    const before = witnessed();
    // when
    await newOpinionTask();
    // then
    await until(() => live.received.includes('task.created') && witnessed() > before);
    expect(live.received).toContain('task.created');
    live.socket.terminate();
  });

  it('should close the socket at sign-out, and send it nothing more', async () => {
    // given
    const clerk = await freshClerk();
    const live = await connect(clerk.session.headers);
    const before = witnessed();
    // when
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: clerk.session.headers });
    // then
    expect(out.statusCode).toBeLessThan(300);
    expect(await live.closed).toEqual({ code: socketCloseCodes.signedOut, reason: expect.stringContaining('signed out') });
    await expectMissed(live, before);
    expect(live.received).toEqual(['hello']);
  });

  it('should close every socket of a user whose password an admin reset', async () => {
    // given two browsers of one clerk
    const clerk = await freshClerk();
    const first = await connect(clerk.session.headers);
    const second = await connect((await signIn(t.app, clerk.id)).headers);
    const before = witnessed();
    // when
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${clerk.id}/reset-password`, headers: admin.headers, payload: { reason: '忘记密码 / forgot it' } });
    // then
    expect(reset.statusCode).toBe(200);
    expect((await first.closed).code).toBe(socketCloseCodes.signedOut);
    expect((await second.closed).code).toBe(socketCloseCodes.signedOut);
    await expectMissed(first, before);
    expect(second.received).toEqual(['hello']);
  });

  it('should close the other sessions\' sockets at a password change, and keep the one that changed it', async () => {
    // given
    const clerk = await freshClerk();
    const elsewhere = await connect(clerk.session.headers);
    const here = await signIn(t.app, clerk.id);
    const hereLive = await connect(here.headers);
    // when
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: here.headers, payload: { currentPassword: testPassword, newPassword: 'a brand new passphrase' } });
    // then
    expect(changed.statusCode).toBeLessThan(300);
    expect((await elsewhere.closed).code).toBe(socketCloseCodes.signedOut);
    await newOpinionTask();
    await until(() => hereLive.received.includes('task.created'));
    expect(hereLive.received).toContain('task.created');
    expect(elsewhere.received).toEqual(['hello']);
    hereLive.socket.terminate();
  });

  it('should close the socket when the user\'s roles change, so it reconnects with the new ones', async () => {
    // given
    const clerk = await freshClerk();
    const live = await connect(clerk.session.headers);
    const before = witnessed();
    // when rc is taken away
    const changed = await t.app.inject({ method: 'PUT', url: `/api/users/${clerk.id}/roles`, headers: admin.headers, payload: { roles: ['resident'], reason: '调离居委会 / left the committee' } });
    // then
    expect(changed.statusCode).toBe(200);
    expect((await live.closed).code).toBe(socketCloseCodes.rolesChanged);
    await expectMissed(live, before);
  });

  it('should close a socket whose session expired before sending it anything more', async () => {
    // given
    const clerk = await freshClerk();
    const live = await connect(clerk.session.headers);
    // when the 12-hour session runs out (the witness's and the admin's too: they sign in again)
    t.harness.clock.advance(12 * 3_600_000 + 1);
    witness = await connect((await signIn(t.app, 'ws-witness')).headers);
    admin = await signIn(t.app, 'ws-admin');
    // then: the next message finds the session expired and closes the socket instead
    await expectMissed(live, 0);
    expect((await live.closed).code).toBe(socketCloseCodes.signedOut);
    expect(live.received).toEqual(['hello']);
  });

  it('should close a socket whose session another node revoked, at the next re-check', async () => {
    // given
    const clerk = await freshClerk();
    const live = await connect(clerk.session.headers);
    // when another node signs the clerk out: only the database row changes here
    await t.identity.db.run('UPDATE id_session SET revoked_at = ? WHERE user_id = ?', [t.harness.clock.now(), clerk.id]);
    const closed = await t.identity.liveSockets.recheck();
    // then
    expect(closed).toBe(1);
    expect((await live.closed).code).toBe(socketCloseCodes.signedOut);
    const before = witnessed();
    await expectMissed(live, before);
  });

  it('should close a token\'s socket when the token is revoked', async () => {
    // given
    const created = await t.identity.tokens.create({ community: 'demo', scope: 'read-only', name: '大屏 / wall display', createdBy: 'ws-admin', expiresAt: null });
    const live = await connect({ authorization: `Bearer ${created.token}` });
    // when
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${created.record.id}`, headers: admin.headers });
    // then
    expect(revoked.statusCode).toBe(204);
    expect((await live.closed).code).toBe(socketCloseCodes.signedOut);
  });
});
