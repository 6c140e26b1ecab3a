import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'vite';
import { repoRoot } from '../browser/designer-build.js';

/** Where the browser tests of the designer pages find their build. */
export const designerTestDist = path.join(repoRoot, 'test-artifacts', 'designer-dist');

/**
 * Until the workspace's router and menu list the designer pages (one line each, see
 * `designer/src/library/designer-routes.ts`), the test build adds them; once they are there this
 * plugin changes nothing.
 */
function designerRoutesPlugin(): Plugin {
  return {
    name: 'linli-designer-routes-for-tests',
    enforce: 'pre',
    transform(code, id) {
      if (id.endsWith('/designer/src/router.ts') && !code.includes('designer-routes')) {
        return `import { designerRoutes as __designerRoutes } from './library/designer-routes.js';\n${code.replace('children: [', 'children: [...__designerRoutes, ')}`;
      }
      if (id.endsWith('/designer/src/layouts/WorkspaceLayout.vue') && !code.includes('designer-library')) {
        return code.replace("{ name: 'cases', label: t('nav.cases'), icon: Document },", "{ name: 'cases', label: t('nav.cases'), icon: Document },\n  { name: 'designer-library', label: t('nav.designer', '流程设计'), icon: EditPen },");
      }
      return null;
    },
  };
}

/** Builds the designer with its pages routed into `test-artifacts/designer-dist` when stale. */
export async function ensureDesignerTestBuild(): Promise<string> {
  const index = path.join(designerTestDist, 'index.html');
  const sources = [path.join(repoRoot, 'designer'), path.join(repoRoot, 'engine', 'model'), path.join(repoRoot, 'runtime', 'library')];
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const newest = Math.max(...sources.map((dir) => newestMtimeExcluding(dir)));
  if (built > newest) return designerTestDist;
  rmSync(designerTestDist, { recursive: true, force: true });
  mkdirSync(designerTestDist, { recursive: true });
  await build({
    configFile: path.join(repoRoot, 'designer', 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [designerRoutesPlugin()],
    build: { outDir: designerTestDist, emptyOutDir: true },
  });
  return designerTestDist;
}

function newestMtimeExcluding(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeExcluding(full) : statSync(full).mtimeMs);
  }
  return newest;
}
