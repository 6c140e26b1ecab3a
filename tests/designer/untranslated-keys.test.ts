import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PopupEntries } from 'bpmn-js/lib/features/popup-menu/PopupEntries.js';
import { describe, expect, it } from 'vitest';
import { bpmnZhCN } from '../../designer/src/modeler/modules/translate/bpmn-zh-CN.js';

const modules = path.resolve(import.meta.dirname, '../../node_modules');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

/** Every literal text the modeler's libraries hand to `translate(…)`. */
function translatedLiterals(): Set<string> {
  const files = [
    ...jsFiles(path.join(modules, 'bpmn-js', 'lib')),
    ...jsFiles(path.join(modules, 'diagram-js', 'lib')),
    path.join(modules, 'bpmn-js-properties-panel', 'dist', 'index.esm.js'),
    path.join(modules, '@bpmn-io', 'properties-panel', 'dist', 'index.esm.js'),
    path.join(modules, 'bpmn-js-bpmnlint', 'dist', 'index.esm.js'),
  ];
  const keys = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/translate\(\s*(['"])((?:(?!\1).)+)\1/g)) keys.add(match[2] ?? '');
  }
  return keys;
}

describe('modeler translations (zh-CN)', () => {
  it('should translate every text the modeler, its menus, the properties panel and lint can show', () => {
    // given the texts of the libraries and of the replace menu's entries
    const keys = translatedLiterals();
    for (const entry of Object.values(PopupEntries as Record<string, { label?: unknown }>)) if (typeof entry.label === 'string') keys.add(entry.label);
    for (const text of ['No Issues', '{errors} Errors, {warnings} Warnings', 'Process is missing start event', 'Process is missing end event', 'Element is not connected']) keys.add(text);

    // when each is looked up in our dictionary
    const missing = [...keys].filter((key) => bpmnZhCN[key] === undefined);

    // then none is missing and none is empty
    expect(missing).toEqual([]);
    expect(Object.entries(bpmnZhCN).filter(([, value]) => value.trim() === '' && value !== ' + shift + ')).toEqual([]);
  });

  it('should keep placeholders of each text in its translation', () => {
    const broken = Object.entries(bpmnZhCN).filter(([key, value]) => {
      const placeholders = (text: string): string[] => [...text.matchAll(/{[a-zA-Z]+}/g)].map((match) => match[0]).sort();
      return placeholders(key).join() !== placeholders(value).join();
    });
    expect(broken).toEqual([]);
  });
});
