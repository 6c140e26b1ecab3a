import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import vue from '@vitejs/plugin-vue';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../runtime/persistence/open-database.js';
import { createTestDatabase, type TestDatabase } from '../../runtime/persistence/test-database.js';
import { errorHandler } from '../../runtime/plugins/error-handler.js';
import { devIdentity } from '../../runtime/plugins/identity.js';
import { createRequestValidatorCompiler } from '../../runtime/plugins/request-validators.js';
import { publicBoardRoutes, statsRoutes } from '../../runtime/stats/stats-routes.js';
import { insertCase, shanghai } from '../stats/case-history.js';
import { insertCommunities } from '../stats/stats-test-app.js';
import { generateYear } from '../stats/year-generator.js';
import { browserMissing, launchBrowser, screenshotDir } from './browser-harness.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const now = shanghai('2026-12-20T10:00:00');
const community = 'community-01';
const staffQuery = `user=secretary&community=${community}&groups=rc`;

describe.skipIf(browserMissing !== null)('statistics dashboard and public board in the browser', () => {
  let testDb: TestDatabase;
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl = '';
  let dist = '';

  beforeAll(async () => {
    // the pages as a stand-alone build (designer/src/stats/preview), on a year of one community
    dist = mkdtempSync(path.join(tmpdir(), 'linli-stats-preview-'));
    await build({ configFile: false, logLevel: 'silent', root: path.join(repoRoot, 'designer/src/stats/preview'), base: '/', plugins: [vue()], build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 5000 } });
    testDb = await createTestDatabase();
    opened = await openDatabase(testDb.options);
    await insertCommunities(opened.db, [{ id: community, name: '东明路街道 · 示范居民区' }]);
    await generateYear(opened.db, 1, 900);
    for (const [i, year, overall] of [[1, 2024, 74.6], [2, 2025, 81.2]] as const) {
      await insertCase(opened.db, {
        id: `evaluation-${i}`, community, processKey: 'property-evaluation', status: 'completed',
        startedAt: shanghai(`${year + 1}-01-12T09:00:00`), endedAt: shanghai(`${year + 1}-02-20T09:00:00`),
        variables: { evaluationYear: year, conclusion: 'qualified', evaluation: { respondents: 15, security: overall + 3, cleaning: overall - 4, greening: overall + 6, facilities: overall - 8, service: overall + 2, overall } },
      });
    }
    await insertCase(opened.db, {
      id: 'vote-1', community, processKey: 'owner-vote', status: 'completed', startedAt: shanghai('2026-09-01T09:00:00'), endedAt: shanghai('2026-09-30T18:00:00'),
      variables: { voteTopic: '增设非机动车充电桩', voteResult: { passed: true, text: '通过', participationAreaRatio: 0.82, participationOwnerRatio: 0.79, approvalAreaRatio: 0.91, approvalOwnerRatio: 0.88 } },
    });
    for (const [i, category, building, reply] of [
      [1, 'repair', 12, '已更换 12 号楼 3 单元楼道灯，感谢反映。'],
      [2, 'parking', 5, '已与物业协商，周末增派人员疏导临时停车。'],
      [3, 'greening', 8, null],
    ] as const) {
      await insertCase(opened.db, {
        id: `public-${i}`, community, processKey: 'complaint', status: reply === null ? 'active' : 'completed',
        startedAt: shanghai(`2026-12-0${i}T09:00:00`), ...(reply === null ? {} : { endedAt: shanghai(`2026-12-0${i + 3}T16:00:00`) }),
        variables: { category, building, consentPublic: true, complainantName: '王阿姨', phone: '13800138000' },
        comments: reply === null ? [{ visibility: 'internal', body: '内部备注：王阿姨 13800138000', at: shanghai('2026-12-03T10:00:00') }] : [{ visibility: 'public', body: reply, at: shanghai(`2026-12-0${i + 3}T16:00:00`) }],
      });
    }

    app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
    app.setValidatorCompiler(createRequestValidatorCompiler());
    await app.register(errorHandler);
    await app.register(devIdentity);
    await app.register(statsRoutes, { prefix: '/api/stats', db: opened.db, now: () => now });
    await app.register(publicBoardRoutes, { prefix: '/api/public/board', db: opened.db, now: () => now });
    // the diagram for the bottleneck view, as the definitions API would serve it
    app.get('/api/definitions/bpmn/:key', async (request) => {
      const { key } = request.params as { key: string }; // only the shipped templates are read
      if (!/^[a-z-]+$/.test(key)) throw new Error('bad key');
      return { content: readFileSync(path.join(repoRoot, 'definitions/templates', `${key}.bpmn`), 'utf8') };
    });
    await app.register(fastifyStatic, { root: dist, wildcard: false });
    // the single-page app's own paths all load index.html
    for (const spa of ['/stats', '/stats/report', '/board/:community']) app.get(spa, (_request, reply) => reply.type('text/html').send(readFileSync(path.join(dist, 'index.html'))));
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await opened?.db.close();
    await testDb?.drop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('should draw every chart of the dashboard, show its table and the bottleneck heat on the complaint diagram', async () => {
    // given a secretary of the community on a desktop
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // when she opens the dashboard
    await page.goto(`${baseUrl}/stats?${staffQuery}`);
    await page.locator('[data-test=stats-chart] svg').first().waitFor();
    await page.locator('.bottleneck-heat').first().waitFor();
    await page.waitForTimeout(600); // let the chart animation finish for the screenshot
    await page.screenshot({ path: path.join(screenshotDir, 'stats-dashboard.png'), fullPage: true });

    // then six charts, each with data, and the diagram carries one heat patch per waiting step
    expect(await page.locator('[data-test=stats-chart]').count()).toBe(6);
    expect(await page.locator('[data-test=stats-chart] svg').count()).toBe(6);
    expect(await page.locator('.bottleneck-heat').count()).toBe(5);
    await page.locator('[data-test=bottleneck-diagram]').screenshot({ path: path.join(screenshotDir, 'stats-bottleneck.png') });
    // every chart offers its data as CSV and Excel, and each link answers with a file
    const links = await page.locator('[data-test=stats-chart] a.stats-download').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    expect(links).toHaveLength(12);
    for (const href of links) {
      // the signed-in app sends its session cookie with a download; the preview's stand-in is the dev identity headers
      const file = await page.request.get(new URL(href, baseUrl).toString(), { headers: { 'x-user': 'secretary', 'x-community': community, 'x-groups': 'rc' } });
      expect(file.status(), href).toBe(200);
      expect(file.headers()['content-disposition'], href).toMatch(/attachment; filename="(cases|evaluations|patrols|steps)-[\d-]+\.(csv|xlsx)"/);
    }
    await page.locator('[data-test=table-view]').first().click();
    await expect.poll(() => page.locator('.el-table__body tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(screenshotDir, 'stats-dashboard-table.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('should show the public board without sign-in and without personal data, also on a phone', async () => {
    // given anyone, not signed in, on a phone
    const page = await browser.newPage({ viewport: { width: 360, height: 760 }, locale: 'zh-CN' });

    // when they open the community's board
    await page.goto(`${baseUrl}/board/${community}`);
    await page.locator('[data-test=board-case]').first().waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(screenshotDir, 'stats-board-phone.png') });
    await page.locator('[data-test=board-case]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'stats-board-phone-cases.png') });

    // then the published cases show with their replies, and no name or phone anywhere
    const text = await page.locator('body').innerText();
    expect(text).toContain('已更换 12 号楼 3 单元楼道灯');
    expect(text).toContain('增设非机动车充电桩');
    expect(text).not.toContain('王阿姨');
    expect(text).not.toContain('13800138000');
    await page.close();
  });

  it('should show the printable monthly report', async () => {
    // when the secretary opens November's report
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 }, locale: 'zh-CN' });
    await page.goto(`${baseUrl}/stats/report?${staffQuery}&month=2026-11`);
    const frame = page.frameLocator('iframe.report-frame');
    await frame.locator('h1').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'stats-report.png') });

    // then
    expect(await frame.locator('h1').innerText()).toContain('2026年11月 社区治理月度报告');
    expect(await frame.locator('table').count()).toBeGreaterThanOrEqual(5);
    await page.close();
  });
});
