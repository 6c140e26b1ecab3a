import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployTemplates, templateCommunity, type TemplateLog } from '../../runtime/deploy-templates.js';
import { LibraryStore } from '../../runtime/library/library-store.js';
import { templateHash } from '../../runtime/library/template-catalogue.js';
import { createServiceHarness, type ServiceHarness } from '../../runtime/services/test-service.js';
import type { SqlWorkflowService } from '../../runtime/services/sql-workflow-service.js';

/** Collects what start-up would log. */
function memoryLog(): { log: TemplateLog; warnings: object[] } {
  const warnings: object[] = [];
  return { log: { warn: (obj) => warnings.push(obj), info: () => undefined }, warnings };
}

describe('deploying the shipped templates at start-up', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;
  let dir: string;

  beforeAll(async () => {
    harness = await createServiceHarness();
    service = await harness.open();
    dir = mkdtempSync(path.join(tmpdir(), 'linli-templates-'));
    mkdirSync(path.join(dir, 'forms'));
    mkdirSync(path.join(dir, 'templates'));
    for (const form of ['complaint-register.form.json', 'complaint-accept.form.json']) {
      copyFileSync(new URL(`./fixtures/${form}`, import.meta.url), path.join(dir, 'forms', form));
    }
    copyFileSync(new URL('./fixtures/complaint-intake.bpmn', import.meta.url), path.join(dir, 'templates', 'complaint-intake.bpmn'));
    writeFileSync(path.join(dir, 'templates', 'broken.bpmn'), '<definitions>not BPMN</definitions>');
  });

  afterAll(async () => {
    await harness.dispose();
  });

  it('should deploy forms and processes, skip a broken file with a warning, and make no new versions on restart', async () => {
    // when
    const first = memoryLog();
    const deployed = await deployTemplates(service, dir, first.log);
    const second = memoryLog();
    const again = await deployTemplates(service, dir, second.log);

    // then
    expect(deployed).toBe(3);
    expect(first.warnings).toEqual([expect.objectContaining({ file: path.join('templates', 'broken.bpmn') })]);
    expect(again).toBe(0);
    const definitions = await service.listDefinitions({ community: templateCommunity });
    expect(definitions.items.map((d) => `${d.kind}:${d.key}:v${d.latest.version}`).sort()).toEqual([
      'bpmn:complaint_intake:v1',
      'form:complaint-accept:v1',
      'form:complaint-register:v1',
    ]);
  });

  it('should record each seeded process as a copy of its template, so the library can offer updates', async () => {
    // given the start-ups above
    const shipped = readFileSync(path.join(dir, 'templates', 'complaint-intake.bpmn'), 'utf8');

    // when
    const record = await new LibraryStore(service.db).get(templateCommunity, 'processes', 'complaint_intake');

    // then
    expect(record).toMatchObject({ templateKey: 'complaint_intake', templateHash: templateHash(shipped) });
  });

  it('should keep the version the community published when the shipped template changes', async () => {
    // given the secretary published her own version 2, then a new template file ships
    const shipped = readFileSync(path.join(dir, 'templates', 'complaint-intake.bpmn'), 'utf8');
    const hers = shipped.replace('</bpmn:definitions>', '<!-- 本居民区调整 --></bpmn:definitions>');
    expect(hers).not.toBe(shipped);
    await service.deployDefinition({ community: templateCommunity, userId: 'secretary', kind: 'bpmn', content: hers });
    writeFileSync(path.join(dir, 'templates', 'complaint-intake.bpmn'), shipped.replace('</bpmn:definitions>', '<!-- 街道新版 --></bpmn:definitions>'));

    // when the server starts again
    const again = await deployTemplates(service, dir, memoryLog().log);

    // then her version stays the latest; the new template waits in the library
    expect(again).toBe(0);
    const latest = await service.getDefinition({ community: templateCommunity, kind: 'bpmn', key: 'complaint_intake' });
    expect(latest).toMatchObject({ version: 2, content: hers });
  });
});
