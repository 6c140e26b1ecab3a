import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './test-app.js';

describe('serving the designer', () => {
  it('should show a Chinese placeholder at / when the designer is not built', async () => {
    // given
    const app = await buildTestApp();

    // when
    const response = await app.inject({ method: 'GET', url: '/' });
    await app.close();

    // then
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('设计器尚未构建');
  });

  it('should serve the built designer, its assets, and the app shell for client-side routes', async () => {
    // given
    const dist = mkdtempSync(path.join(tmpdir(), 'linli-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>邻里流程</title><div id="app"></div>');
    writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app")');
    const app = await buildTestApp({ env: { DESIGNER_DIST: dist } });

    // when
    const [root, asset, deepLink, missingAsset, missingApi] = await Promise.all(
      ['/', '/assets/app.js', '/tasks/123', '/assets/missing.js', '/api/nothing'].map((url) => app.inject({ method: 'GET', url })),
    );
    await app.close();

    // then
    expect(root?.body).toContain('<div id="app">');
    expect(asset?.body).toContain('console.log');
    expect(deepLink?.statusCode).toBe(200);
    expect(deepLink?.body).toContain('<div id="app">');
    expect(missingAsset?.statusCode).toBe(404);
    expect(missingApi?.statusCode).toBe(404);
    expect(missingApi?.json().code).toBe('WF_ROUTE_NOT_FOUND');
  });
});
