import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../runtime/app.js';
import { loadConfig } from '../../runtime/config.js';
import { deployTemplates } from '../../runtime/deploy-templates.js';
import { installIdentity } from '../../runtime/identity/install-identity.js';
import { IdentityService } from '../../runtime/identity/identity-service.js';
import { givenCommunity, testPassword } from '../../runtime/identity/testing/identity-fixtures.js';
import { hashPassword } from '../../runtime/identity/password-hasher.js';
import { openWorkflowService } from '../../runtime/services/create-workflow-service.js';
import type { WorkflowService } from '../../runtime/services/workflow-service.js';
import { designerDist, ensureDesignerBuilt, repoRoot } from '../../designer/build-if-stale.js';

export const chromiumPath = '/usr/bin/chromium';
/** Browser tests need Debian's Chromium; without it they are skipped with this reason. */
export const browserMissing = existsSync(chromiumPath) ? null : `浏览器测试已跳过：缺少 ${chromiumPath}（apt-get install chromium）/ browser tests skipped: ${chromiumPath} is missing`;
if (browserMissing !== null) console.warn(browserMissing);

export const screenshotDir = path.join(repoRoot, 'test-artifacts', 'screenshots');

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly service: WorkflowService;
  readonly identity: IdentityService;
  readonly baseUrl: string;
  close(): Promise<void>;
}

export const demo = { id: 'demo', name: '东明路街道 · 示范居民区' } as const;

/** The staff of the demo community the scenarios use (password: `testPassword`). */
export const staff = {
  rc: { userId: 'rc-li', displayName: '李居委', community: demo.id, roles: ['rc'] },
  pm: { userId: 'pm-zhang', displayName: '张物业', community: demo.id, roles: ['pm'] },
  vol: { userId: 'vol-chen', displayName: '陈志愿', community: demo.id, roles: ['vol'] },
  admin: { userId: 'admin-zhao', displayName: '赵书记', community: demo.id, roles: ['admin', 'rc'] },
} as const satisfies Record<string, StaffUser>;

/**
 * The real server on a fresh database in a temp folder, serving the built designer, on a free
 * port: `buildApp` with the identity plugin and its routes (sessions, CSRF, public intake), the
 * shipped templates deployed, and the demo community's staff.
 */
export async function startServer(options: { templates?: (service: WorkflowService) => Promise<void> } = {}): Promise<RunningServer> {
  ensureDesignerBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-browser-'));
  const config = loadConfig({ DATA_DIR: dataDir, DESIGNER_DIST: designerDist, DEFINITIONS_DIR: path.join(repoRoot, 'definitions'), LOG_LEVEL: 'silent' });
  const service = await openWorkflowService({ dataDir, webhookAllowList: [] });
  const { db } = service;
  const identityService = new IdentityService({ db });
  const app = await buildApp({
    config,
    service,
    logger: false,
    identity: installIdentity(identityService),
  });
  await deployTemplates(service, config.definitionsDir, { info: () => {}, warn: () => {} });
  await options.templates?.(service);
  await givenCommunity(identityService, demo.id, demo.name);
  const passwordHash = await hashPassword(testPassword);
  await identityService.db.transaction(async (tx) => {
    for (const user of Object.values(staff)) {
      await identityService.users.create({ id: user.userId, displayName: user.displayName, passwordHash, mustChangePassword: false }, tx);
      await identityService.users.setRoles({ userId: user.userId, community: user.community, roles: user.roles, grantedBy: 'test' }, tx);
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    app,
    service,
    identity: identityService,
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

/** Saves a screenshot under test-artifacts/screenshots; `viewport` keeps a phone's fixed bars where a person sees them. */
export async function screenshot(page: Page, name: string, options: { viewport?: boolean } = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // Let toasts fade and fonts settle so the picture shows the page, not a transition.
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.screenshot({ path: file, fullPage: options.viewport !== true });
  return file;
}

export interface StaffUser {
  readonly userId: string;
  readonly displayName: string;
  readonly community: string;
  readonly roles: readonly string[];
}

/** Signs a staff member in through the login page, as a person would. */
export async function signIn(server: Pick<RunningServer, 'baseUrl'>, page: Page, user: StaffUser): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('#login-username').fill(user.userId);
  await page.locator('#login-password').fill(testPassword);
  await page.locator('[data-test="login-submit"]').click();
  await page.waitForURL(/\/inbox/);
}

/** Calls the API as a staff member with a session of their own (test set-up only). */
export async function apiAs<T>(server: Pick<RunningServer, 'app'>, user: StaffUser, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
  const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.userId, password: testPassword } });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${user.userId} failed: ${login.statusCode} ${login.body}`);
  const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const csrf = (login.json() as { csrfToken: string }).csrfToken; // the sign-in answer's documented field
  const response = await server.app.inject({
    method,
    url,
    headers: { cookie, 'x-csrf-token': csrf, 'x-community': user.community },
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

/**
 * The shipped complaint template as a community that takes complaints online would publish it:
 * `startableBy` on its start event lists `public` (residents without an account) and `rc`.
 */
export async function deployPublicComplaint(service: WorkflowService): Promise<void> {
  const template = readFileSync(path.join(repoRoot, 'definitions', 'templates', 'complaint.bpmn'), 'utf8');
  const marker = '<bpmn:startEvent id="Start_Complaint" name="居民提出投诉">\n      <bpmn:extensionElements>';
  if (!template.includes(marker)) throw new Error('complaint template changed: cannot mark it public');
  const content = template.replace(marker, `${marker}\n        <zeebe:properties>\n          <zeebe:property name="startableBy" value="public,resident,rc" />\n        </zeebe:properties>`);
  await service.deployDefinition({ community: demo.id, userId: 'system', kind: 'bpmn', content });
}

/** A 2×2 PNG, as a phone photo stand-in. */
export const tinyPhoto = {
  name: 'photo.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64'),
};
