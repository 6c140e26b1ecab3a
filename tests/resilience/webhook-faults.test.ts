import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clerkHeaders, pause } from './harness/case-driver.js';
import { spawnNode, type RuntimeNode } from './harness/spawn-node.js';

/** How the fake property-management endpoint behaves for the next request. */
type Mode = 'fail' | 'hang' | 'ok';

describe('a webhook endpoint that fails or hangs', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-webhook-'));
  let node: RuntimeNode;
  let endpoint: http.Server;
  let mode: Mode = 'fail';
  const received: { idempotencyKey: string | undefined; mode: Mode }[] = [];

  beforeAll(async () => {
    endpoint = http.createServer((request, response) => {
      const current = mode;
      received.push({ idempotencyKey: request.headers['idempotency-key'] as string | undefined, mode: current }); // node types headers as string | string[]
      request.resume();
      if (current === 'hang') return; // never answers: the runtime's request timeout must end it
      response.writeHead(current === 'ok' ? 200 : 500).end();
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const port = (endpoint.address() as AddressInfo).port; // TCP server: the address is an object
    node = await spawnNode({ DATA_DIR: dataDir, WEBHOOK_ALLOW_LIST: `http://127.0.0.1:${port}/hook` });
    const xml = readFileSync(new URL('./fixtures/webhook-case.bpmn', import.meta.url), 'utf8').replace('PORT', String(port));
    const deployed = await fetch(`${node.url}/api/definitions`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ kind: 'bpmn', content: xml }) });
    expect(deployed.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await node?.crash();
    endpoint?.closeAllConnections();
    endpoint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function waitFor<T>(read: () => Promise<T | null>, ms: number): Promise<T | null> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const value = await read();
      if (value !== null) return value;
      await pause(250);
    }
    return null;
  }

  async function openTask(instanceId: string): Promise<string | null> {
    const tasks = (await (await fetch(`${node.url}/api/tasks?instanceId=${instanceId}&status=open`, { headers: clerkHeaders })).json()) as { items: { id: string }[] };
    return tasks.items[0]?.id ?? null;
  }

  it('should retry with back-off, raise an incident after the last try, and move the case on once fixed and retried', async () => {
    // given an endpoint that answers 500
    mode = 'fail';
    received.length = 0;
    const started = (await (await fetch(`${node.url}/api/instances`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ processKey: 'webhook_case', variables: { complaint: '电梯停运' } }) })).json()) as { id: string };

    // when the three tries fail
    const incident = await waitFor(async () => {
      const page = (await (await fetch(`${node.url}/api/incidents?instanceId=${started.id}&status=open`, { headers: clerkHeaders })).json()) as { items: { id: string; message: string }[] };
      return page.items[0] ?? null;
    }, 30_000);

    // then there is one incident, after exactly three deliveries with one idempotency key
    expect(incident).not.toBeNull();
    expect(received.map((r) => r.mode)).toEqual(['fail', 'fail', 'fail']);
    expect(new Set(received.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(await openTask(started.id)).toBeNull();

    // when the endpoint is fixed and the operator retries
    mode = 'ok';
    const retried = await fetch(`${node.url}/api/incidents/${incident?.id ?? ''}/retry`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({}) });
    const task = await waitFor(() => openTask(started.id), 30_000);

    // then the case moves on to the next task
    expect(retried.status).toBe(200);
    expect(task).not.toBeNull();
  }, 90_000);

  it('should give up on a hanging endpoint at its timeout and deliver on the next try', async () => {
    // given an endpoint that hangs once, then answers
    mode = 'hang';
    received.length = 0;
    const started = (await (await fetch(`${node.url}/api/instances`, { method: 'POST', headers: clerkHeaders, body: JSON.stringify({ processKey: 'webhook_case', variables: { complaint: '漏水' } }) })).json()) as { id: string };
    await waitFor(async () => (received.length > 0 ? true : null), 15_000);
    mode = 'ok';

    // when the runtime's timeout ends the first attempt
    const task = await waitFor(() => openTask(started.id), 40_000);

    // then the second delivery succeeded and the case moved on
    expect(received.map((r) => r.mode)).toEqual(['hang', 'ok']);
    expect(task).not.toBeNull();
  }, 90_000);
});
