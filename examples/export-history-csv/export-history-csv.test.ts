import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinliClient } from '../shared/linli-client.js';
import { runExample } from '../shared/run-example.js';
import { examplePassword, firstSignIn, startLinliServer, type LinliServer } from '../shared/start-linli-server.js';
import { beijingTime, csvField, csvHeaders, type HistoryEntry } from './export-history-csv.js';

const script = 'examples/export-history-csv/export-history-csv.ts';

/** A resident's words with everything CSV must quote: a comma, quotes and a line break. */
const description = '楼道灯坏了, 晚上很黑。"请尽快修"\n另外5楼的灯也不亮';

/** RFC 4180 as Excel reads it (CRLF records, quoted fields may hold anything): the test's own reader. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (c === '\n' || c === '\r' || c === '"') throw new Error(`bare ${JSON.stringify(c)} outside quotes at ${i}`);
    else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe('example: export a case’s history as CSV', () => {
  let server: LinliServer;
  let admin: LinliClient;
  let readOnlyToken: string;
  let instanceId: string;
  let dir: string;

  beforeAll(async () => {
    server = await startLinliServer();
    dir = mkdtempSync(path.join(tmpdir(), 'linli-csv-'));
    for (const user of ['demo-admin', 'demo-rc']) await firstSignIn(server, user);
    admin = (await LinliClient.signIn(server.url, 'demo-admin', examplePassword)).client;
    const rc = (await LinliClient.signIn(server.url, 'demo-rc', examplePassword)).client;
    readOnlyToken = (await admin.call<{ token: string }>('POST', '/api/tokens', { name: '台账导出', scope: 'read-only' })).token;
    const instance = await admin.call<{ id: string }>('POST', '/api/instances', {
      processKey: 'complaint',
      variables: { complainantName: '王阿姨', phone: '13800138000', building: 12, unit: 3, room: '301', category: 'repair', description, channel: 'phone', consentPublic: true },
    });
    instanceId = instance.id;
    const tasks = await rc.call<{ items: { id: string }[] }>('GET', `/api/tasks?instanceId=${instanceId}&elementId=Task_Accept`);
    await rc.call('POST', `/api/tasks/${tasks.items[0]?.id ?? 'missing'}/complete`, { variables: { acceptDecision: 'accept' } });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should write every history entry, page by page, as a CSV Excel opens', async () => {
    // given
    const file = path.join(dir, 'history.csv');
    const api = await admin.call<{ items: HistoryEntry[]; nextCursor: string | null }>('GET', `/api/instances/${instanceId}/history?limit=200`);
    expect(api.nextCursor).toBeNull();
    expect(api.items.length).toBeGreaterThan(7); // more than two pages of 3

    // when
    const run = await runExample(script, { LINLI_URL: server.url, LINLI_TOKEN: readOnlyToken, LINLI_INSTANCE: instanceId, LINLI_OUT: file, LINLI_PAGE_SIZE: '3' }).done;

    // then
    expect(run.code, run.stderr).toBe('0');
    expect(run.stdout).toContain(`历史 ${api.items.length} 条`);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(header).toEqual([...csvHeaders]);
    expect(rows.map((r) => r[3])).toEqual(api.items.map((e) => e.type));
    expect(rows.map((r) => r[0])).toEqual(api.items.map((_, i) => String(i + 1)));
    expect(rows.map((r) => r[1])).toEqual(api.items.map((e) => beijingTime(e.at)));
    for (const row of rows) expect(row).toHaveLength(csvHeaders.length);

    const started = rows.find((r) => r[3] === 'variable.set' && r[7]?.startsWith('name: description'));
    expect(started?.[7]).toBe(`name: description\nvalue: ${description}`);
    const accepted = rows.find((r) => r[3] === 'task.completed');
    expect(accepted).toMatchObject({ 2: '办理完成', 4: 'Task_Accept', 5: '受理', 6: 'demo-rc' });
    expect(rows[0]?.[2]).toBe('案件发起');
  });

  it('should name a case that does not exist, and a missing case id', async () => {
    // when
    const unknown = await runExample(script, { LINLI_URL: server.url, LINLI_TOKEN: readOnlyToken, LINLI_INSTANCE: 'NOSUCHCASE', LINLI_OUT: path.join(dir, 'none.csv') }).done;
    const missing = await runExample(script, { LINLI_URL: server.url, LINLI_TOKEN: readOnlyToken, LINLI_INSTANCE: '' }).done;

    // then
    expect(unknown.code).toBe('1');
    expect(unknown.stderr).toContain('HTTP 404');
    expect(missing.code).toBe('1');
    expect(missing.stderr).toContain('LINLI_INSTANCE');
  });

  it('should quote only what needs quoting, and give Beijing time', () => {
    expect(csvField('受理')).toBe('受理');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('一\r\n二')).toBe('"一\r\n二"');
    expect(beijingTime('2026-11-26T01:00:05.000Z')).toBe('2026-11-26 09:00:05');
    expect(beijingTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30:00');
  });
});
