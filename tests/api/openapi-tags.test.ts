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
});
