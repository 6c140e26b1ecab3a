import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinliClient } from '../shared/linli-client.js';
import { runExample } from '../shared/run-example.js';
import { examplePassword, firstSignIn, startLinliServer, type LinliServer } from '../shared/start-linli-server.js';
import { checkAddress } from './external-worker.js';

const script = 'examples/external-worker/external-worker.ts';

interface Instance {
  id: string;
  status: string;
  activeElements: { elementId: string }[];
  variables: Record<string, unknown>;
  incidents: { elementId: string; message: string; status: string }[];
}

describe('example: an external worker in another process, with a worker token', () => {
  let server: LinliServer;
  let admin: LinliClient;
  const tokens: Record<'worker' | 'read-only', string> = { worker: '', 'read-only': '' };

  beforeAll(async () => {
    server = await startLinliServer();
    await firstSignIn(server, 'demo-admin');
    admin = (await LinliClient.signIn(server.url, 'demo-admin', examplePassword)).client;
    await admin.call('POST', '/api/definitions', { kind: 'bpmn', content: readFileSync(new URL('./address-check.bpmn', import.meta.url), 'utf8') });
    for (const scope of ['worker', 'read-only'] as const) {
      tokens[scope] = (await admin.call<{ token: string }>('POST', '/api/tokens', { name: `示例 ${scope}`, scope })).token;
    }
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('should complete, throw a BPMN error for and fail the jobs of three cases, moving each case on', async () => {
    // given: the worker is already long-polling when the cases arrive
    const worker = runExample(script, { LINLI_URL: server.url, LINLI_TOKEN: tokens.worker, LINLI_WORKER: 'example-worker', LINLI_STOP_AFTER: '3' });
    await worker.printed('等待');
    const start = (variables: Record<string, unknown>) => admin.call<Instance>('POST', '/api/instances', { processKey: 'example-address-check', variables });

    // when
    const known = await start({ building: 12, room: '502' });
    const unknown = await start({ building: 99, room: '101' });
    const unusable = await start({ building: '十二号楼' });
    const run = await worker.done;

    // then
    expect(run.code, run.stderr).toBe('0');
    expect(run.stdout).toContain('已处理 3 个任务');
    const read = (id: string) => admin.call<Instance>('GET', `/api/instances/${id}`);
    const afterKnown = await read(known.id);
    expect(afterKnown.activeElements.map((e) => e.elementId)).toEqual(['Task_Dispatch']);
    expect(afterKnown.variables).toMatchObject({ gridArea: '第3网格', addressText: '12号楼502室', addressChecked: true });
    const afterUnknown = await read(unknown.id);
    expect(afterUnknown.activeElements.map((e) => e.elementId)).toEqual(['Task_VerifyAddress']);
    expect(afterUnknown.variables.gridArea).toBeUndefined();
    const afterUnusable = await read(unusable.id);
    expect(afterUnusable.status).toBe('active');
    expect(afterUnusable.incidents).toEqual([expect.objectContaining({ elementId: 'Task_CheckAddress', status: 'open', message: expect.stringContaining('楼号不是正整数') })]);
  });

  it('should be refused with a read-only token, and with a made-up one', async () => {
    // when
    const readOnly = await runExample(script, { LINLI_URL: server.url, LINLI_TOKEN: tokens['read-only'] }).done;
    const madeUp = await runExample(script, { LINLI_URL: server.url, LINLI_TOKEN: 'llt_nosuchtoken_0000000000000000' }).done;

    // then
    expect(readOnly.code).toBe('2');
    expect(readOnly.stderr).toContain('令牌被拒绝');
    expect(readOnly.stderr).toContain('HTTP 403');
    expect(madeUp.code).toBe('2');
    expect(madeUp.stderr).toContain('HTTP 401');
  });

  it('should name the missing token', async () => {
    // when
    const run = await runExample(script, { LINLI_URL: server.url, LINLI_TOKEN: '' }).done;

    // then
    expect(run.code).toBe('1');
    expect(run.stderr).toContain('LINLI_TOKEN');
  });

  it('should decide from the variables alone', () => {
    expect(checkAddress({ building: 5 })).toEqual({ kind: 'complete', variables: { gridArea: '第1网格', addressText: '5号楼', addressChecked: true } });
    expect(checkAddress({ building: 21 })).toMatchObject({ kind: 'error', errorCode: 'ADDRESS_UNKNOWN' });
    expect(checkAddress({ building: 2.5 })).toMatchObject({ kind: 'fail' });
    expect(checkAddress({})).toMatchObject({ kind: 'fail' });
  });
});
