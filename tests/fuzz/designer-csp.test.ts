import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, browserMissing, complaintVariables, launchBrowser, newPage, signIn, staff, startServer, type RunningServer } from '../browser/browser-harness.js';

/** Every Content-Security-Policy violation the page reports, kept in the page for the test to read (page code as text: no DOM types here). */
const recordViolations = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sourceFile + ':' + event.lineNumber));
`;

async function violations(page: Page): Promise<string[]> {
  return (await page.evaluate('window.cspViolations ?? []')) as string[]; // the list the init script keeps
}

describe.skipIf(browserMissing !== null)('the designer under the Content-Security-Policy', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should run the login, a start form, a case diagram and the process modeler without one CSP violation', async () => {
    // given the server's CSP on every page (no eval, scripts only from itself) and a running case
    const started = await apiAs<{ id: string }>(server, staff.admin, 'POST', '/api/instances', { processKey: 'complaint', variables: complaintVariables });
    const { context, page } = await newPage(browser);
    await page.addInitScript({ content: recordViolations });
    const cspMessages: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspMessages.push(message.text());
    });
    const seen: Record<string, string[]> = {};

    // when the admin signs in and opens a form (form-js), a case (bpmn-js viewer) and the modeler (bpmn-js editor)
    const response = await page.goto(`${server.baseUrl}/login`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('#login-username').waitFor();
    seen['login'] = await violations(page);
    await signIn(server, page, staff.admin);
    await page.goto(`${server.baseUrl}/start/complaint`);
    await page.locator('.fjs-form').waitFor();
    seen['start form'] = await violations(page);
    await page.goto(`${server.baseUrl}/cases/${started.id}`);
    await page.locator('[data-test="diagram"] .djs-element').first().waitFor({ state: 'attached' });
    seen['case'] = await violations(page);
    await page.goto(`${server.baseUrl}/designer/processes/complaint`);
    await page.locator('.djs-element[data-element-id="Task_Accept"]').first().waitFor({ state: 'attached' });
    seen['modeler'] = await violations(page);
    await context.close();

    // then the browser blocked nothing on any of them
    expect(seen).toEqual({ login: [], 'start form': [], case: [], modeler: [] });
    expect(cspMessages).toEqual([]);
  }, 180_000);
});
