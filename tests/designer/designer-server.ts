import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../runtime/app.js';
import { loadConfig } from '../../runtime/config.js';
import { deployTemplates } from '../../runtime/deploy-templates.js';
import { installIdentity } from '../../runtime/identity/install-identity.js';
import { IdentityService } from '../../runtime/identity/identity-service.js';
import { hashPassword } from '../../runtime/identity/password-hasher.js';
import { givenCommunity, testPassword } from '../../runtime/identity/testing/identity-fixtures.js';
import { openWorkflowService } from '../../runtime/services/create-workflow-service.js';
import type { WorkflowService } from '../../runtime/services/workflow-service.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { demo, launchBrowser, newPage, signIn, staff, type StaffUser } from '../browser/browser-harness.js';
import { repoRoot } from '../browser/designer-build.js';
import { ensureDesignerTestBuild } from './designer-test-build.js';

export interface DesignerServer {
  readonly app: FastifyInstance;
  readonly service: WorkflowService;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The demo community's secretary: community admin and residents' committee. */
export const secretary: StaffUser = staff.admin;

/** A community the sub-district added after start-up: no processes yet, its own secretary. */
export const north = { id: 'north', name: '北苑居民区' } as const;
export const northSecretary: StaffUser = { userId: 'admin-sun', displayName: '孙书记', community: north.id, roles: ['admin', 'rc'] };

export interface DesignerServerOptions {
  /** The sub-district's definitions folder (templates + forms); the repository's `definitions/` by default. */
  readonly definitionsDir?: string;
}

/**
 * The real server on a fresh database, the shipped templates deployed into `demo`, the demo
 * staff, the community `north` with only its secretary, and the designer build that routes the
 * designer pages.
 */
export async function startDesignerServer(options: DesignerServerOptions = {}): Promise<DesignerServer> {
  const dist = await ensureDesignerTestBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-designer-'));
  const config = loadConfig({ DATA_DIR: dataDir, DESIGNER_DIST: dist, DEFINITIONS_DIR: options.definitionsDir ?? path.join(repoRoot, 'definitions'), LOG_LEVEL: 'silent' });
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
  await givenCommunity(identityService, demo.id, demo.name);
  await givenCommunity(identityService, north.id, north.name);
  const passwordHash = await hashPassword(testPassword);
  await identityService.db.transaction(async (tx) => {
    for (const user of [...Object.values(staff), { userId: 'bl-wang', displayName: '王楼组长', community: demo.id, roles: ['bl'] }, northSecretary]) {
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
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What each designer browser test starts with: the server, a browser, and the secretary signed in on a page. */
export interface SecretaryDesk {
  readonly server: DesignerServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function openSecretaryDesk(options: DesignerServerOptions & { readonly as?: StaffUser } = {}): Promise<SecretaryDesk> {
  const server = await startDesignerServer(options);
  const browser = await launchBrowser();
  const { context, page } = await newPage(browser);
  await signIn(server, page, options.as ?? secretary);
  return {
    server,
    browser,
    context,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** bpmn-js elements are SVG groups; a forced click hits their centre even under overlays. */
export async function clickElement(page: Page, id: string): Promise<void> {
  await page.locator(`.djs-element[data-element-id="${id}"]`).first().click({ force: true });
}

/**
 * A secretary's desk for the calling `describe`: opened before its tests (up to 180 s, the first
 * file may build the designer) and closed after them. `ready` receives the open desk, to keep what
 * the tests use and to prepare data.
 */
export function useSecretaryDesk(ready: (desk: SecretaryDesk) => unknown | Promise<unknown>): void {
  let desk: SecretaryDesk | undefined;
  beforeAll(async () => {
    desk = await openSecretaryDesk();
    await ready(desk);
  }, 180_000);
  afterAll(async () => desk?.close());
}
