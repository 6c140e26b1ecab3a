import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fullHistory } from '../../designer/src/api/instances-api.js';
import { requestContext } from '../../designer/src/api/http-client.js';
import { buildApp } from '../../runtime/app.js';
import { loadConfig } from '../../runtime/config.js';
import { createServiceHarness, type ServiceHarness } from '../../runtime/services/test-service.js';

// a script task counts from the start variable `count` up to 120 in a loop: several hundred history entries in one case
const xml = readFileSync(path.join(import.meta.dirname, 'fixtures', 'counting-loop.bpmn'), 'utf8');
const community = 'c-history';

describe('the designer\'s fullHistory against the real server', () => {
  let harness: ServiceHarness;
  let app: FastifyInstance;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-history-'));

  beforeAll(async () => {
    harness = await createServiceHarness();
    const service = await harness.open();
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, DEFINITIONS_DIR: path.join(dataDir, 'definitions'), DESIGNER_DIST: path.join(dataDir, 'dist') });
    app = await buildApp({ config, service, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    // the designer's client calls `/api/…` on its own origin; here that origin is the test server
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(`http://127.0.0.1:${port}${input}`, init));
    requestContext.community = community;
    requestContext.devIdentity = { userId: 'admin-zhao', displayName: '赵书记', community, groups: ['admin', 'rc'] };
    await service.deployDefinition({ community, userId: 'admin-zhao', kind: 'bpmn', content: xml });
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    requestContext.community = null;
    requestContext.devIdentity = null;
    await app?.close();
    await harness?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should read a history longer than the server\'s largest page along the cursor, every entry once and in order', async () => {
    // given a case whose history runs to several pages
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: { 'x-user': 'admin-zhao', 'x-community': community, 'x-groups': 'admin,rc' }, payload: { processKey: 'counting_loop', variables: { count: 0 } } });
    expect(started.statusCode).toBe(201);
    const id = (started.json() as { id: string }).id;
    const detail = (await app.inject({ method: 'GET', url: `/api/instances/${id}`, headers: { 'x-user': 'admin-zhao', 'x-community': community, 'x-groups': 'admin,rc' } })).json() as { historyTruncated: boolean };
    expect(detail.historyTruncated).toBe(true);

    // when the designer reads all of it
    const events = await fullHistory(id);

    // then it has every entry the server holds, from the start to the end of the case
    const service = await harness.open();
    let expected = 0;
    let cursor: string | undefined;
    do {
      const page = await service.listHistory({ community, instanceId: id, limit: 37, ...(cursor === undefined ? {} : { cursor }) });
      expected += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(events.length).toBeGreaterThan(400);
    expect(events).toHaveLength(expected);
    expect(events[0]?.type).toBe('instance.started');
    expect(events[events.length - 1]?.type).toBe('instance.completed');
  });
});
