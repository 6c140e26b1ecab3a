import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateCatalogue, templateUrl } from '../../definitions/index.js';
import { LinliClient } from '../../examples/shared/linli-client.js';
import { examplePassword, firstSignIn, startLinliServer, type LinliServer } from '../../examples/shared/start-linli-server.js';

interface DefinitionSummary {
  kind: 'bpmn' | 'form';
  key: string;
  latest: { version: number; deployedBy: string };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `npm start` on an empty data folder: the template library offers every shipped template and the demo community runs them. */
describe('npm start: the shipped templates in the library and in the demo community', () => {
  let server: LinliServer;
  let admin: LinliClient;

  beforeAll(async () => {
    server = await startLinliServer();
    await firstSignIn(server, 'demo-admin');
    admin = (await LinliClient.signIn(server.url, 'demo-admin', examplePassword)).client;
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('should offer every template file in the sub-district library, content unchanged', async () => {
    // when
    const listed = await admin.call<{ key: string; name: string; hash: string }[]>('GET', '/api/library/templates');

    // then
    expect(listed.map((t) => t.key).sort()).toEqual(templateCatalogue.map((t) => t.key).sort());
    for (const entry of templateCatalogue) {
      const template = await admin.call<{ xml: string }>('GET', `/api/library/templates/${entry.key}`);
      expect(template.xml).toBe(readFileSync(templateUrl(entry.key), 'utf8'));
    }
  });

  it('should deploy every template and every form it links into the demo community, with no failure logged', async () => {
    // when
    const items: DefinitionSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<DefinitionSummary> = await admin.call('GET', `/api/definitions?limit=50${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);

    // then
    const deployed = new Set(items.map((d) => `${d.kind}:${d.key}`));
    for (const entry of templateCatalogue) {
      expect(deployed, entry.key).toContain(`bpmn:${entry.key}`);
      for (const form of entry.forms) expect(deployed, `${entry.key} → ${form}`).toContain(`form:${form}`);
      const latest = await admin.call<{ content: string; version: number }>('GET', `/api/definitions/bpmn/${entry.key}`);
      expect(latest.version).toBe(1);
      expect(latest.content).toBe(readFileSync(templateUrl(entry.key), 'utf8'));
    }
    expect(server.output()).not.toContain('模板部署失败');
    expect(server.output()).toContain('模板已部署');
  });

  it('should let the demo community list them as its processes, each linked to its template and up to date', async () => {
    // when
    const rows = await admin.call<{ key: string; latestVersion: number | null; template: { key: string; updateAvailable: boolean } | null }[]>('GET', '/api/library/processes');

    // then
    for (const entry of templateCatalogue) {
      const row = rows.find((r) => r.key === entry.key);
      expect(row?.latestVersion, entry.key).toBe(1);
      expect(row?.template, entry.key).toMatchObject({ key: entry.key, updateAvailable: false });
    }
  });
});
