import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enUS } from '../../designer/src/i18n/en-US.js';
import { zhCN } from '../../designer/src/i18n/zh-CN.js';
import { repoRoot } from '../../designer/build-if-stale.js';

/** Every leaf key of a message tree, dotted. */
function leafKeys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => leafKeys(value, prefix === '' ? key : `${prefix}.${key}`));
}

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return vueFiles(full);
    return entry.name.endsWith('.vue') ? [full] : [];
  });
}

/**
 * The literal text a template would show: text between tags and static user-facing attributes,
 * after removing `{{ … }}` interpolations, bound attributes and comments.
 */
export function literalTemplateText(source: string): string[] {
  const start = source.indexOf('<template>');
  const end = source.lastIndexOf('</template>');
  if (start === -1 || end === -1) return [];
  const template = source
    .slice(start + '<template>'.length, end)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ');
  const found: string[] = [];
  const withoutBound = template.replace(/\s[:@#][\w.:-]*(?:="[^"]*")?/g, ' ').replace(/\sv-[\w.:-]+(?:="[^"]*")?/g, ' ');
  for (const match of withoutBound.matchAll(/\s(?:label|placeholder|title|aria-label|alt|description)="([^"]*)"/g)) {
    if ((match[1] ?? '').trim() !== '') found.push(match[1] ?? '');
  }
  for (const match of withoutBound.matchAll(/>([^<>]+)</g)) {
    const text = (match[1] ?? '').trim();
    if (/[A-Za-z]{2,}|[\u3400-\u9fff]/.test(text)) found.push(text);
  }
  return found;
}

describe('designer messages', () => {
  it('should have every en-US key in zh-CN and every zh-CN key in en-US', () => {
    // given both message trees
    const zh = new Set(leafKeys(zhCN));
    const en = new Set(leafKeys(enUS));

    // when they are compared
    const missingInZh = [...en].filter((key) => !zh.has(key));
    const missingInEn = [...zh].filter((key) => !en.has(key));

    // then neither lacks a key
    expect(missingInZh).toEqual([]);
    expect(missingInEn).toEqual([]);
  });

  it('should have no empty message', () => {
    const empty = [zhCN, enUS].flatMap((tree) =>
      leafKeys(tree).filter((key) => {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        return typeof value !== 'string' || value.trim() === '';
      }),
    );
    expect(empty).toEqual([]);
  });

  it('should show no hard-coded Chinese or English text in any template', () => {
    // given every component of the app
    const files = vueFiles(path.join(repoRoot, 'designer', 'src'));
    expect(files.length).toBeGreaterThan(5);

    // when their templates are read
    const offenders = files.flatMap((file) => literalTemplateText(readFileSync(file, 'utf8')).map((text) => `${path.relative(repoRoot, file)}: ${text}`));

    // then all text goes through t()
    expect(offenders).toEqual([]);
  });

  it('should notice hard-coded text when there is some', () => {
    // given a template with a literal label and text
    const source = '<template><el-button title="Save">保存</el-button><span>{{ t("ok") }}</span><i :title="t(\'x\')"></i></template>';

    // when it is read, then both literals are found and the translated parts are not
    expect(literalTemplateText(source)).toEqual(['Save', '保存']);
  });
});
