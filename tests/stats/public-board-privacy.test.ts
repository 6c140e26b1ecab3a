import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formUrl, templateCatalogue } from '../../definitions/index.js';
import { formFields } from '../../runtime/library/form-fields.js';
import { openDatabase, type OpenedDatabase } from '../../runtime/persistence/open-database.js';
import { createTestDatabase, type TestDatabase } from '../../runtime/persistence/test-database.js';
import { insertCase, shanghai, type CaseSpec } from './case-history.js';
import { insertCommunities, statsTestApp } from './stats-test-app.js';

/** Fields the board is meant to show, filled with ordinary values; every other field holds a marker. */
const shownFields: Readonly<Record<string, unknown>> = { category: 'repair', subject: 'parking', patrolArea: 'safety', building: 3, consentPublic: true, conclusion: 'qualified', evaluationYear: 2025, handlerGroup: 'pm', reporterRole: 'vol' };
const now = shanghai('2026-10-20T12:00:00');

function markedVariables(templateKey: string, forms: readonly string[]): { variables: Record<string, unknown>; markers: string[] } {
  const variables: Record<string, unknown> = {};
  const markers: string[] = [];
  let n = 0;
  for (const formId of forms) {
    for (const field of formFields(JSON.parse(readFileSync(formUrl(formId), 'utf8')))) {
      if (field.key in shownFields) {
        variables[field.key] = shownFields[field.key];
        continue;
      }
      n += 1;
      if (field.type === 'number') {
        const marker = 9_870_000 + n;
        variables[field.key] = marker;
        markers.push(String(marker));
      } else if (field.type === 'checkbox') {
        variables[field.key] = true;
      } else {
        const marker = `SECRET-${templateKey}-${field.key}`;
        variables[field.key] = marker;
        markers.push(marker);
      }
    }
  }
  return { variables, markers };
}

describe('public board privacy', () => {
  let testDb: TestDatabase;
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  const markers: string[] = ['内部备注', '13912345678', '张阿姨'];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    opened = await openDatabase(testDb.options);
    await insertCommunities(opened.db, [{ id: 'c1', name: '东明一村' }]);
    let i = 0;
    for (const template of templateCatalogue) {
      const marked = markedVariables(template.key, template.forms);
      markers.push(...marked.markers);
      for (const status of ['completed', 'active'] as const) {
        i += 1;
        const spec: CaseSpec = {
          id: `case-${i}`,
          community: 'c1',
          processKey: template.key,
          status,
          startedAt: shanghai('2026-10-09T09:00:00') + i * 60_000,
          ...(status === 'completed' ? { endedAt: shanghai('2026-10-15T09:00:00') } : {}),
          startedBy: 'resident-zhang',
          variables: {
            ...marked.variables,
            complainantName: '张阿姨',
            phone: '13912345678',
            // what the templates' scripts leave behind (evaluation, vote), with a scorer's private comment
            evaluation: { respondents: 9, security: 80, cleaning: 81, greening: 82, facilities: 83, service: 84, overall: 82, passScore: 60, suggested: 'qualified' },
            scores: [{ security: 80, scoreComment: '内部备注：评分人意见', representative: '张阿姨' }],
            voteTopic: '增设非机动车充电桩',
            voteResult: { passed: true, text: '通过', participationAreaRatio: 0.8, participationOwnerRatio: 0.75, approvalAreaRatio: 0.9, approvalOwnerRatio: 0.88 },
          },
          tasks: [{ elementId: 'Task_First', createdAt: shanghai('2026-10-09T09:00:00'), dueAt: shanghai('2026-10-10T09:00:00'), ...(status === 'completed' ? { completedAt: shanghai('2026-10-09T12:00:00') } : {}) }],
          comments: [
            { visibility: 'internal', body: '内部备注：投诉人张阿姨，电话 13912345678', at: shanghai('2026-10-09T10:00:00') },
            { visibility: 'public', body: '已安排物业维修，感谢监督。', at: shanghai('2026-10-10T10:00:00') },
          ],
        };
        await insertCase(opened.db, spec);
      }
    }
    app = await statsTestApp(opened.db, now);
  });

  afterAll(async () => {
    await app.close();
    await opened.db.close();
    await testDb.drop();
  });

  it('should show no name, phone, room, internal note or other form field of any template, without sign-in', async () => {
    // given a finished and a running case of every template, every form field filled with a marker
    // when anyone opens the board without signing in
    const response = await app.inject({ method: 'GET', url: '/api/public/board/c1' });

    // then it answers, and not one marker is anywhere in the answer
    expect(response.statusCode).toBe(200);
    const leaked = markers.filter((marker) => response.body.includes(marker));
    expect(leaked).toEqual([]);
    expect(response.body).not.toContain('resident-zhang');
  });

  it('should list the consenting cases with category, building, status and the public reply', async () => {
    // given the same cases: complaint and opinion ask for consent to publish
    // when
    const board = (await app.inject({ method: 'GET', url: '/api/public/board/c1' })).json<{ communityName: string; cases: Record<string, unknown>[]; votes: unknown[]; evaluations: unknown[] }>();

    // then the board names the community, shows those cases and the published results
    expect(board.communityName).toBe('东明一村');
    const keys = new Set(board.cases.map((c) => c.processKey));
    expect(keys).toEqual(new Set(templateCatalogue.filter((t) => t.forms.some((f) => readFileSync(formUrl(f), 'utf8').includes('"consentPublic"'))).map((t) => t.key)));
    expect(board.cases).toHaveLength(2 * keys.size);
    for (const shown of board.cases) {
      expect(Object.keys(shown).sort()).toEqual(['building', 'category', 'closedAt', 'processKey', 'publicReply', 'receivedAt', 'status']);
      expect(shown).toMatchObject({ building: '3', publicReply: '已安排物业维修，感谢监督。', status: expect.stringMatching(/^(handling|closed)$/) });
    }
    expect(board.votes).toContainEqual(expect.objectContaining({ topic: '增设非机动车充电桩', passed: true, text: '通过' }));
    expect(board.evaluations).toContainEqual(expect.objectContaining({ overall: 82, conclusion: 'qualified' }));
  });

  it('should answer 404 for a community that does not exist', async () => {
    // when
    const response = await app.inject({ method: 'GET', url: '/api/public/board/nowhere' });

    // then
    expect(response.statusCode).toBe(404);
  });

  it('should keep the monthly report free of names, phones and internal notes too', async () => {
    // when staff of c1 print October's report
    const response = await app.inject({ method: 'GET', url: '/api/stats/report/c1?month=2026-10', headers: { 'x-user': 'secretary', 'x-community': 'c1', 'x-groups': 'rc' } });

    // then
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('东明一村 2026年10月 社区治理月度报告');
    expect(markers.filter((marker) => response.body.includes(marker))).toEqual([]);
  });
});
