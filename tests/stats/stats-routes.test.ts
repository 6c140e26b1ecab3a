import { inflateRawSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../runtime/persistence/open-database.js';
import { createTestDatabase, type TestDatabase } from '../../runtime/persistence/test-database.js';
import { insertCase } from './case-history.js';
import { knownCases, knownNow } from './known-cases.js';
import { insertCommunities, statsTestApp } from './stats-test-app.js';

const secretary = { 'x-user': 'secretary', 'x-community': 'c1', 'x-groups': 'rc' };
const street = { 'x-user': 'street-officer', 'x-community': 'c1', 'x-groups': 'street' };

/** The text of one file inside a zip written by our XLSX writer (local headers, deflate). */
function zipEntry(zip: Buffer, wanted: string): string | undefined {
  let offset = 0;
  while (zip.readUInt32LE(offset) === 0x04034b50) {
    const size = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const name = zip.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const start = offset + 30 + nameLength;
    if (name === wanted) return inflateRawSync(zip.subarray(start, start + size)).toString('utf8');
    offset = start + size;
  }
  return undefined;
}

describe('stats routes', () => {
  let testDb: TestDatabase;
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    opened = await openDatabase(testDb.options);
    await insertCommunities(opened.db, [
      { id: 'c1', name: '东明一村' },
      { id: 'c2', name: '东明二村' },
    ]);
    for (const spec of knownCases) await insertCase(opened.db, spec);
    app = await statsTestApp(opened.db, knownNow);
  });

  afterAll(async () => {
    await app.close();
    await opened.db.close();
    await testDb.drop();
  });

  it('should give a secretary the figures of her own community only', async () => {
    // when
    const own = await app.inject({ url: '/api/stats/cases?dimension=community&from=2026-09-01&to=2026-10-31', headers: secretary });
    const other = await app.inject({ url: '/api/stats/cases?communities=c2', headers: secretary });
    const anonymous = await app.inject({ url: '/api/stats/cases' });

    // then
    expect(own.json()).toEqual([expect.objectContaining({ group: 'c1', cases: 8 })]);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('WF_STATS_FORBIDDEN');
    expect(anonymous.statusCode).toBe(401);
  });

  it('should give sub-district staff every community', async () => {
    // when
    const response = await app.inject({ url: '/api/stats/cases?dimension=community&communities=all&from=2026-09-01&to=2026-10-31', headers: street });

    // then
    expect(response.json().map((row: { group: string; cases: number }) => [row.group, row.cases])).toEqual([
      ['c1', 8],
      ['c2', 1],
    ]);
  });

  it('should export a chart\'s data as CSV with Chinese headings and as XLSX', async () => {
    // when
    const csv = await app.inject({ url: '/api/stats/export?chart=cases&dimension=category&processKey=complaint&from=2026-09-01&to=2026-10-31&format=csv', headers: secretary });
    const xlsx = await app.inject({ url: '/api/stats/export?chart=cases&dimension=category&processKey=complaint&from=2026-09-01&to=2026-10-31&format=xlsx', headers: secretary });

    // then
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('类别,受理件数,办结,撤销,按时响应,响应率%,已解决,解决率%,参评,满意,满意率%,超期,平均办结工作日');
    expect(lines).toContain('报修,3,2,0,2,66.7,2,100,2,1,50,0,1');
    const sheet = zipEntry(xlsx.rawPayload, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<t xml:space="preserve">满意率%</t>');
    expect(sheet).toContain('<t xml:space="preserve">报修</t>');
  });

  it('should name groups in the export as the chart does: processes, handling parties and communities in Chinese, never their keys or ids', async () => {
    // when
    const csv = async (query: string) =>
      (await app.inject({ url: `/api/stats/export?${query}&from=2025-01-01&to=2026-10-31&format=csv`, headers: secretary })).body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    const byProcess = await csv('chart=cases&dimension=process');
    const byHandler = await csv('chart=cases&dimension=handler');
    const byCommunity = await csv('chart=cases&dimension=community');
    const evaluations = await csv('chart=evaluations');

    // then
    expect(byProcess.map((line) => line.split(',')[0])).toContain('投诉处理');
    expect(byHandler.map((line) => line.split(',')[0])).toContain('物业服务企业');
    expect(byCommunity.map((line) => line.split(',')[0])).toEqual(['东明一村']);
    expect(evaluations.length).toBeGreaterThan(0);
    for (const line of evaluations) expect(line.split(',')[0]).toBe('东明一村');
    for (const line of [...byProcess, ...byHandler, ...byCommunity, ...evaluations]) expect(line).not.toMatch(/complaint|\bpm\b|\bc1\b|qualified/);
  });

  it.each([
    ['cases', 'dimension=month', 'cases?dimension=month'],
    ['cases', 'dimension=handler', 'cases?dimension=handler'],
    ['evaluations', '', 'evaluations?'],
    ['patrols', '', 'patrols?'],
    ['steps', 'processKey=complaint', 'steps?processKey=complaint'],
  ])('should export the %s chart (%s) as CSV and XLSX with the rows the chart shows', async (chart, extra, route) => {
    // given the chart's own data
    const period = 'from=2025-01-01&to=2026-10-31';
    const shown = (await app.inject({ url: `/api/stats/${route}&${period}`, headers: secretary })).json<unknown[]>();
    expect(shown.length).toBeGreaterThan(0);

    // when both files are downloaded
    const csv = await app.inject({ url: `/api/stats/export?chart=${chart}&${extra}&${period}&format=csv`, headers: secretary });
    const xlsx = await app.inject({ url: `/api/stats/export?chart=${chart}&${extra}&${period}&format=xlsx`, headers: secretary });

    // then the CSV has a Chinese heading and one line per chart row, and the sheet holds the same heading and rows
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`${chart}-2026-10-31.csv`);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(lines).toHaveLength(shown.length + 1);
    expect(xlsx.statusCode).toBe(200);
    const sheet = zipEntry(xlsx.rawPayload, 'xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain(`<t xml:space="preserve">${lines[0]?.split(',')[0]}</t>`);
    expect(sheet.match(/<row /g)).toHaveLength(shown.length + 1);
  });

  it('should refuse to export the steps chart without a process', async () => {
    // when
    const response = await app.inject({ url: '/api/stats/export?chart=steps&format=csv', headers: secretary });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('WF_STATS_PROCESS_REQUIRED');
  });

  it('should reject a period that ends before it starts', async () => {
    // when
    const response = await app.inject({ url: '/api/stats/cases?from=2026-10-31&to=2026-09-01', headers: secretary });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('WF_STATS_BAD_PERIOD');
  });

  it('should print the month\'s overdue cases in the report', async () => {
    // when
    const response = await app.inject({ url: '/api/stats/report/c1?month=2026-10', headers: secretary });

    // then B (overdue, noise, building 5) and C (acceptance past due) are listed
    expect(response.statusCode).toBe(200);
    const overdueSection = response.body.slice(response.body.indexOf('超期案件清单'), response.body.indexOf('五、巡查上报'));
    expect(overdueSection).toContain('<td>噪音</td><td>5</td><td>物业服务企业</td><td>2026-10-09</td>');
    expect(overdueSection).toContain('<td>报修</td><td>3</td><td>未填写</td><td>2026-10-12</td>');
  });
});
