import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../../runtime/identity/testing/identity-test-app.js';

/** The OpenAPI document of the whole app (identity, library, statistics, board included). */
describe('OpenAPI document', () => {
  let t: IdentityTestApp;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should declare, with a Chinese description, every tag a route uses', async () => {
    // given
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const document = response.json() as { tags: { name: string; description?: string }[]; paths: Record<string, Record<string, { tags?: string[] }>> };

    // when
    const used = new Set(Object.values(document.paths).flatMap((operations) => Object.values(operations).flatMap((operation) => operation.tags ?? [])));
    const declared = new Map(document.tags.map((tag) => [tag.name, tag.description ?? '']));

    // then
    expect([...used].filter((tag) => !declared.has(tag)).sort()).toEqual([]);
    expect([...declared].filter(([, description]) => !/[\u4e00-\u9fff]/.test(description)).map(([name]) => name)).toEqual([]);
  });

  it('should give every operation a summary', async () => {
    // given
    const document = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };

    // when
    const missing = Object.entries(document.paths).flatMap(([route, operations]) => Object.entries(operations).filter(([, operation]) => !operation.summary).map(([method]) => `${method.toUpperCase()} ${route}`));

    // then
    expect(missing).toEqual([]);
  });

  it('should write optional values as OpenAPI 3.0 nullable and fixed choices as enum, never as unions with null or of constants', async () => {
    // given: fast-json-stringify runs a validator per branch of such a union on every answer
    const document = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as unknown;

    // when
    const unions: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${at}/${index}`));
      if (node === null || typeof node !== 'object') return;
      const branches = (node as { anyOf?: unknown }).anyOf;
      const simple = (branch: unknown) => branch !== null && typeof branch === 'object' && ((branch as { type?: unknown }).type === 'null' || 'const' in branch || 'enum' in branch);
      if (Array.isArray(branches) && branches.some(simple)) unions.push(at);
      for (const [key, value] of Object.entries(node)) visit(value, `${at}/${key}`);
    };
    visit(document, '');

    // then
    expect(unions).toEqual([]);
  });
});
