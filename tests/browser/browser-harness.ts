import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../runtime/app.js';
import { loadConfig } from '../../runtime/config.js';
import { deployTemplates } from '../../runtime/deploy-templates.js';
import { createWorkflowService } from '../../runtime/services/create-workflow-service.js';
import type { WorkflowService } from '../../runtime/services/workflow-service.js';
import { designerDist, ensureDesignerBuilt, repoRoot } from './designer-build.js';

export const chromiumPath = '/usr/bin/chromium';
/** Browser tests need Debian's Chromium; without it they are skipped with this reason. */
export const browserMissing = existsSync(chromiumPath) ? null : `浏览器测试已跳过：缺少 ${chromiumPath}（apt-get install chromium）/ browser tests skipped: ${chromiumPath} is missing`;
if (browserMissing !== null) console.warn(browserMissing);

export const screenshotDir = path.join(repoRoot, 'test-artifacts', 'screenshots');

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly service: WorkflowService;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The real server on a fresh database in a temp folder, serving the built designer, on a free port. */
export async function startServer(): Promise<RunningServer> {
  ensureDesignerBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-browser-'));
  const config = loadConfig({ DATA_DIR: dataDir, DESIGNER_DIST: designerDist, DEFINITIONS_DIR: path.join(repoRoot, 'definitions'), LOG_LEVEL: 'silent' });
  const service = await createWorkflowService({ databaseUrl: undefined, dataDir, webhookAllowList: [] });
  const app = await buildApp({ config, service, logger: false });
  await deployTemplates(service, config.definitionsDir, { info: () => {}, warn: () => {} });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    app,
    service,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core never downloads a browser: it drives the system's Chromium.
  return chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export const phoneViewport = { width: 360, height: 760 };
export const desktopViewport = { width: 1366, height: 860 };

export async function newPage(browser: Browser, options: { phone?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.phone === true ? phoneViewport : desktopViewport,
    deviceScaleFactor: options.phone === true ? 2 : 1,
    isMobile: options.phone === true,
    hasTouch: options.phone === true,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Whether the server has the sign-in routes (issue 5) or still the development header identity. */
export async function hasSignIn(server: RunningServer): Promise<boolean> {
  const response = await server.app.inject({ method: 'GET', url: '/api/auth/me' });
  return response.statusCode !== 404;
}

export interface StaffUser {
  readonly userId: string;
  readonly displayName: string;
  readonly community: string;
  readonly roles: readonly string[];
}

/**
 * Signs a staff member in. With the sign-in routes, through the login page; on a server that
 * still uses the development header identity, by handing the app that identity.
 */
export async function signIn(server: RunningServer, page: Page, user: StaffUser, password?: string): Promise<void> {
  if (password !== undefined && (await hasSignIn(server))) {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('登录名').fill(user.userId);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.locator('[data-test="login-submit"]').click();
    await page.waitForURL(/\/inbox/);
    return;
  }
  const identity = JSON.stringify({ userId: user.userId, displayName: user.displayName, community: user.community, groups: user.roles });
  // A script string: this file is type-checked for Node, where the page's globals do not exist.
  await page.addInitScript(`sessionStorage.setItem('linli.devIdentity', ${JSON.stringify(identity)});`);
}

/** Calls the API as a staff member with the development identity headers (test set-up only). */
export async function apiAs<T>(server: RunningServer, user: StaffUser, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
  const response = await server.app.inject({
    method,
    url,
    headers: { 'x-user': user.userId, 'x-community': user.community, 'x-groups': user.roles.join(',') },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} → ${response.statusCode}: ${response.body}`);
  // The test reads documented fields of the API's JSON answer.
  return response.json() as T;
}

export const complaintVariables = {
  complainantName: '王阿姨',
  phone: '13800138000',
  building: 12,
  unit: 3,
  room: '301',
  category: 'repair',
  description: '12号楼3单元楼道灯坏了一个星期，晚上上下楼很不安全。',
  channel: 'phone',
  consentPublic: true,
};
