/**
 * Rewrites the README's supported-elements table from engine/model/supported-elements.ts, the
 * single source of truth (`npm run readme:table`). tests/docs/readme.test.ts fails when they differ.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { renderSupportTableMarkdown } from '../engine/model/supported-elements.js';

export const START = '<!-- support-table:start -->';
export const END = '<!-- support-table:end -->';

/** The README text with the table between the markers replaced by the rendered one. */
export function withSupportTable(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, from + START.length)}\n${renderSupportTableMarkdown()}${readme.slice(to)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL('../README.md', import.meta.url);
  await writeFile(path, withSupportTable(await readFile(path, 'utf8')));
}
