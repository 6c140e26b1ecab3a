import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createServiceHarness, type ServiceHarness } from '../services/test-service.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const formText = readFileSync(path.join(fixtures, 'repair-check.form.json'), 'utf8');

let app: FastifyInstance;
let harness: ServiceHarness;
let dir: string;
let service: Awaited<ReturnType<ServiceHarness['open']>>;
const admin = { 'x-user': 'admin-zhao', 'x-community': 'c1', 'x-groups': 'admin,rc' };

async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = admin): Promise<{ status: number; body: T }> {
  const response = await app.inject({ method, url: `/api/library${url}`, headers, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.json() as T }; // the route's response schema
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'linli-library-'));
  cpSync(path.join(fixtures, 'templates'), path.join(dir, 'definitions', 'templates'), { recursive: true });
  harness = await createServiceHarness();
  service = await harness.open();
  const config = loadConfig({ DATA_DIR: dir, DEFINITIONS_DIR: path.join(dir, 'definitions'), LOG_LEVEL: 'silent', DESIGNER_DIST: path.join(dir, 'dist') });
  app = await buildApp({
    config,
    service,
    logger: false,
  });
  await service.deployDefinition({ community: 'c1', userId: 'admin-zhao', kind: 'form', content: formText });
});

afterEach(async () => {
  await app.close();
  await harness.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Row {
  key: string;
  latestVersion: number | null;
  versions: { version: number; running: number; deployedBy: string }[];
  template: { key: string; updateAvailable: boolean } | null;
  draft: { updatedBy: string } | null;
}

describe('process library', () => {
  it('should copy a template as a draft, publish it as version 1 and count its running cases', async () => {
    // given
    const copied = await call<{ content: string; source: string }>('POST', '/processes/from-template', { templateKey: 'repair' });
    expect(copied.status).toBe(201);
    expect(copied.body.source).toBe('draft');
    const draftOnly = await call<Row[]>('GET', '/processes');
    expect(draftOnly.body).toMatchObject([{ key: 'repair', latestVersion: null, draft: { updatedBy: 'admin-zhao' }, template: { key: 'repair', updateAvailable: false } }]);

    // when
    const published = await call<{ definitions: { version: number }[] }>('POST', '/processes/repair/publish', { content: copied.body.content });
    await app.inject({ method: 'POST', url: '/api/instances', headers: admin, payload: { processKey: 'repair' } });

    // then
    expect(published.status).toBe(201);
    const rows = await call<Row[]>('GET', '/processes');
    expect(rows.body).toMatchObject([{ key: 'repair', latestVersion: 1, draft: null, versions: [{ version: 1, running: 1, deployedBy: 'admin-zhao' }] }]);
  });

  it('should refuse publishing a model the engine cannot run, naming the element', async () => {
    // given
    const copied = await call<{ content: string }>('POST', '/processes/from-template', { templateKey: 'repair' });
    const broken = copied.body.content.replace('<bpmn:exclusiveGateway id="Gateway_Urgent"', '<bpmn:complexGateway id="Gateway_Urgent"').replace('</bpmn:exclusiveGateway>', '</bpmn:complexGateway>');

    // when
    const answer = await call<{ code: string; details: { problems: { elementId: string | null }[] } }>('POST', '/processes/repair/publish', { content: broken });

    // then
    expect(answer.status).toBe(422);
    expect(answer.body.details.problems.map((problem) => problem.elementId)).toContain('Gateway_Urgent');
  });

  it('should show a template update with the elements added, removed and changed', async () => {
    // given
    const copied = await call<{ content: string }>('POST', '/processes/from-template', { templateKey: 'repair' });
    await call('POST', '/processes/repair/publish', { content: copied.body.content });
    const file = path.join(dir, 'definitions', 'templates', 'repair.bpmn');
    const newer = readFileSync(file, 'utf8').replace('name="核实"', 'name="现场核实"').replace('<bpmn:endEvent id="End_Later" name="排期">', '<bpmn:endEvent id="End_Later2" name="排期">').replace('targetRef="End_Later"', 'targetRef="End_Later2"');
    writeFileSync(file, newer);

    // when
    const rows = await call<Row[]>('GET', '/processes');
    const update = await call<{ diff: { added: { id: string }[]; removed: { id: string }[]; changed: { id: string }[] } }>('GET', '/processes/repair/template-update');

    // then
    expect(rows.body[0]?.template?.updateAvailable).toBe(true);
    expect(update.body.diff.added.map((element) => element.id)).toEqual(['End_Later2']);
    expect(update.body.diff.removed.map((element) => element.id)).toEqual(['End_Later']);
    expect(update.body.diff.changed.map((element) => element.id).sort()).toEqual(['Flow_Normal', 'Task_Check']);
  });

  it("should bring a copied template's forms from the sub-district into a community that lacks them when publishing", async () => {
    // given a second community without the repair form, and the sub-district's form file
    const other = { ...admin, 'x-community': 'c2' };
    mkdirSync(path.join(dir, 'definitions', 'forms'), { recursive: true });
    writeFileSync(path.join(dir, 'definitions', 'forms', 'repair-check.form.json'), formText);
    const copied = await call<{ content: string }>('POST', '/processes/from-template', { templateKey: 'repair' }, other);

    // when it publishes its copy
    const published = await call('POST', '/processes/repair/publish', { content: copied.body.content }, other);

    // then the form it links is there too, so its cases can be started and handled
    expect(published.status).toBe(201);
    const forms = await app.inject({ method: 'GET', url: '/api/definitions/form/repair-check', headers: other });
    expect(forms.statusCode).toBe(200);
  });

  it('should refuse to publish a process linking a form that exists nowhere, naming it, and deploy nothing', async () => {
    // given a community without the repair form, and no sub-district form of that id
    const other = { ...admin, 'x-community': 'c3' };
    const copied = await call<{ content: string }>('POST', '/processes/from-template', { templateKey: 'repair' }, other);

    // when
    const refused = await call<{ code: string; message: string }>('POST', '/processes/repair/publish', { content: copied.body.content }, other);

    // then
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'WF_FORM_MISSING' });
    expect(refused.body.message).toContain('repair-check');
    const rows = await call<Row[]>('GET', '/processes', undefined, other);
    expect(rows.body.find((row) => row.key === 'repair')?.latestVersion).toBeNull();
  });
});

describe('drafts', () => {
  const otherSecretary = { ...admin, 'x-user': 'sec-li' };

  it('should refuse a save from an editor opened before someone else saved, naming who saved', async () => {
    // given: two secretaries open the same draft
    await call('POST', '/processes/from-template', { templateKey: 'repair' });
    const opened = await call<{ content: string; revision: number; draft: { updatedBy: string } }>('GET', '/processes/repair/editable');
    expect(opened.body.draft?.updatedBy).toBe('admin-zhao');

    // when: the other saves first, then the first saves from what it opened
    const first = await call<{ revision: number; updatedBy: string }>('PUT', '/processes/repair/draft', { content: `${opened.body.content}<!-- li -->`, revision: opened.body.revision }, otherSecretary);
    const stale = await call<{ code: string; message: string; details: { updatedBy: string } }>('PUT', '/processes/repair/draft', { content: `${opened.body.content}<!-- zhao -->`, revision: opened.body.revision });
    const stalePublish = await call<{ code: string }>('POST', '/processes/repair/publish', { content: opened.body.content, revision: opened.body.revision });

    // then
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ updatedBy: 'sec-li', revision: opened.body.revision + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('WF_DRAFT_CONFLICT');
    expect(stale.body.message).toMatch(/^草稿 repair 已被 sec-li 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 保存/);
    expect(stale.body.details.updatedBy).toBe('sec-li');
    expect(stalePublish.status).toBe(409);
    expect((await call<{ content: string }>('GET', '/processes/repair/editable')).body.content).toContain('<!-- li -->');
  });

  it('should refuse a save after the draft was published, and accept one on the new revision', async () => {
    // given
    const copied = await call<{ content: string; revision: number }>('POST', '/processes/from-template', { templateKey: 'repair' });
    await call('POST', '/processes/repair/publish', { content: copied.body.content, revision: copied.body.revision });

    // when
    const stale = await call<{ message: string }>('PUT', '/processes/repair/draft', { content: copied.body.content, revision: copied.body.revision });
    const reopened = await call<{ source: string; revision: number; draft: null }>('GET', '/processes/repair/editable');
    const fresh = await call<{ revision: number }>('PUT', '/processes/repair/draft', { content: copied.body.content, revision: reopened.body.revision });

    // then
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('已被发布或放弃草稿');
    expect(reopened.body).toMatchObject({ source: 'published', draft: null });
    expect(fresh.status).toBe(200);
    expect(fresh.body.revision).toBe(reopened.body.revision + 1);
  });

  it('should refuse a revision that is not a whole number', async () => {
    const answer = await call<{ code: string; message: string }>('PUT', '/processes/repair/draft', { content: '<x/>', revision: -1 });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('revision');
  });

  it('should name people by their display name beside their id: publisher, draft saver, case starter, and who saved a newer draft', async () => {
    // given the secretary has an account named 赵书记; the clerk who starts a case has none
    await service.db.run(
      'INSERT INTO id_user (id, display_name, password_hash, is_sub_district_admin, must_change_password, disabled_at, created_at, password_changed_at) VALUES (?, ?, ?, 0, 0, NULL, 0, 0)',
      ['admin-zhao', '赵书记', 'x'],
    );
    const copied = await call<{ content: string; revision: number; draft: { updatedByName: string | null } }>('POST', '/processes/from-template', { templateKey: 'repair' });
    expect(copied.body.draft.updatedByName).toBe('赵书记');

    // when she publishes, saves a new draft, and a case is started by an id without an account
    await call('POST', '/processes/repair/publish', { content: copied.body.content });
    const editable = await call<{ revision: number }>('GET', '/processes/repair/editable');
    const saved = await call<{ updatedBy: string; updatedByName: string | null; revision: number }>('PUT', '/processes/repair/draft', { content: copied.body.content, revision: editable.body.revision });
    await app.inject({ method: 'POST', url: '/api/instances', headers: { ...admin, 'x-user': 'rc-nobody' }, payload: { processKey: 'repair', businessKey: 'N-1' } });
    const stale = await call<{ code: string; message: string; details: { updatedBy: string; updatedByName: string } }>('PUT', '/processes/repair/draft', { content: copied.body.content, revision: editable.body.revision });

    // then every answer carries the name, and the id stays beside it
    expect(saved.body).toMatchObject({ updatedBy: 'admin-zhao', updatedByName: '赵书记' });
    const rows = await call<{ versions: { deployedBy: string; deployedByName: string | null }[]; draft: { updatedByName: string | null } }[]>('GET', '/processes');
    expect(rows.body[0]).toMatchObject({ versions: [{ deployedBy: 'admin-zhao', deployedByName: '赵书记' }], draft: { updatedByName: '赵书记' } });
    expect((await call<{ draft: { updatedByName: string | null } }>('GET', '/processes/repair/editable')).body.draft.updatedByName).toBe('赵书记');
    const listed = await call<{ items: { startedBy: string; startedByName: string | null }[] }>('GET', '/monitor/repair/instances');
    expect(listed.body.items).toEqual([expect.objectContaining({ startedBy: 'rc-nobody', startedByName: null })]);
    expect(stale.body.code).toBe('WF_DRAFT_CONFLICT');
    expect(stale.body.message).toContain('已被 赵书记 于');
    expect(stale.body.details).toMatchObject({ updatedBy: 'admin-zhao', updatedByName: '赵书记' });
  });

  it('should keep drafts in the database: a node with another data folder sees them, and old draft files are imported at start', async () => {
    // given: a draft saved through this node, and a file an earlier release left in the other node's data folder
    await call('POST', '/processes/from-template', { templateKey: 'repair' });
    const otherDir = mkdtempSync(path.join(tmpdir(), 'linli-library-node2-'));
    mkdirSync(path.join(otherDir, 'library'));
    const oldFile = path.join(otherDir, 'library', 'c1.json');
    writeFileSync(oldFile, JSON.stringify({ processes: {}, forms: { 'repair-check': { templateKey: null, templateHash: null, draft: { content: formText, updatedBy: 'sec-old', updatedAt: '2025-12-01T02:00:00.000Z' } } } }));

    // when: a second app on the same database starts with that folder
    const service2 = await harness.open();
    const node2 = await buildApp({ config: loadConfig({ DATA_DIR: otherDir, DEFINITIONS_DIR: path.join(dir, 'definitions'), LOG_LEVEL: 'silent', DESIGNER_DIST: path.join(dir, 'dist') }), service: service2, logger: false });
    try {
      const process = await node2.inject({ method: 'GET', url: '/api/library/processes/repair/editable', headers: admin });
      const form = await node2.inject({ method: 'GET', url: '/api/library/forms/repair-check/editable', headers: admin });

      // then
      expect(process.json()).toMatchObject({ source: 'draft', draft: { updatedBy: 'admin-zhao' } });
      expect(form.json()).toMatchObject({ source: 'draft', content: formText, draft: { updatedBy: 'sec-old', updatedAt: '2025-12-01T02:00:00.000Z' } });
      expect(existsSync(oldFile)).toBe(false);
    } finally {
      await node2.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

describe('form library', () => {
  it('should refuse removing a field that a published condition reads, and allow removing another', async () => {
    // given
    const copied = await call<{ content: string }>('POST', '/processes/from-template', { templateKey: 'repair' });
    await call('POST', '/processes/repair/publish', { content: copied.body.content });
    const schema = JSON.parse(formText) as { components: { key: string }[] };

    // when
    const withoutUrgent = await call<{ code: string; message: string }>('POST', '/forms/repair-check/publish', {
      content: JSON.stringify({ ...schema, components: schema.components.filter((field) => field.key !== 'urgent') }),
    });
    const withoutNote = await call<{ definitions: { version: number }[] }>('POST', '/forms/repair-check/publish', {
      content: JSON.stringify({ ...schema, components: schema.components.filter((field) => field.key !== 'note') }),
    });

    // then
    expect(withoutUrgent.status).toBe(409);
    expect(withoutUrgent.body.code).toBe('WF_FORM_FIELD_IN_USE');
    expect(withoutUrgent.body.message).toContain('urgent');
    expect(withoutNote.status).toBe(201);
    expect(withoutNote.body.definitions[0]?.version).toBe(2);
  });
});

describe('monitor', () => {
  it('should filter cases by status, start time and a variable\'s value', async () => {
    // given three cases started an hour apart; the second is cancelled
    const copied = await call<{ content: string }>('POST', '/processes/from-template', { templateKey: 'repair' });
    await call('POST', '/processes/repair/publish', { content: copied.body.content });
    const ids: string[] = [];
    for (const [index, building] of ['1', '2', '3'].entries()) {
      if (index > 0) harness.clock.advance(3_600_000);
      const started = await app.inject({ method: 'POST', url: '/api/instances', headers: admin, payload: { processKey: 'repair', businessKey: `R-${building}`, variables: { building } } });
      ids.push((started.json() as { id: string }).id);
    }
    await app.inject({ method: 'POST', url: `/api/instances/${ids[1]}/cancel`, headers: admin, payload: { reason: '重复报修' } });
    const keys = async (query: string) => (await call<{ items: { businessKey: string }[] }>('GET', `/monitor/repair/instances?${query}`)).body.items.map((item) => item.businessKey).sort();
    // half an hour after the first and after the second start: no case starts on a bound
    const afterFirst = new Date(harness.clock.value - 5_400_000).toISOString();
    const afterSecond = new Date(harness.clock.value - 1_800_000).toISOString();

    // when / then
    expect(await keys('status=terminated')).toEqual(['R-2']);
    expect(await keys('status=active')).toEqual(['R-1', 'R-3']);
    expect(await keys(`startedAfter=${encodeURIComponent(afterFirst)}`)).toEqual(['R-2', 'R-3']);
    expect(await keys(`startedBefore=${encodeURIComponent(afterSecond)}`)).toEqual(['R-1', 'R-2']);
    expect(await keys(`startedAfter=${encodeURIComponent(afterFirst)}&startedBefore=${encodeURIComponent(afterSecond)}`)).toEqual(['R-2']);
    expect(await keys('variableName=building&variableValue=3')).toEqual(['R-3']);
    expect((await call<{ code: string }>('GET', '/monitor/repair/instances?startedAfter=yesterday')).status).toBe(400);
  });


  it('should count cases per version, badge the active element and give the completed path', async () => {
    // given
    const copied = await call<{ content: string }>('POST', '/processes/from-template', { templateKey: 'repair' });
    await call('POST', '/processes/repair/publish', { content: copied.body.content });
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: admin, payload: { processKey: 'repair', businessKey: 'R-1' } });
    const instanceId = (started.json() as { id: string }).id;

    // when
    const overview = await call<{ counts: { running: number }; elements: { elementId: string; active: number }[] }>('GET', '/monitor/repair?version=1');
    const path_ = await call<{ completedElements: string[]; takenFlows: string[]; activeElements: string[] }>('GET', `/instances/${instanceId}/path`);
    const filtered = await call<{ items: { id: string }[] }>('GET', '/monitor/repair/instances?businessKey=R-2');

    // then
    expect(overview.body.counts.running).toBe(1);
    expect(overview.body.elements).toEqual([{ elementId: 'Task_Check', active: 1, incidents: 0 }]);
    expect(path_.body).toMatchObject({ completedElements: ['Start_Repair'], takenFlows: ['Flow_Start_Check'], activeElements: ['Task_Check'] });
    expect(filtered.body.items).toEqual([]);
  });
});
