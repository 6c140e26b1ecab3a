import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { setKnownFormFields } from '../../designer/lint/form-field-registry.js';
import { lintConfig } from '../../designer/lint/lint-config.js';
import { formFields, type FormField } from '../../runtime/library/form-fields.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

async function lint(xml: string): Promise<{ id: string; message: string }[]> {
  const { rootElement } = await new BpmnModdle({ zeebe }).fromXML(xml, 'bpmn:Definitions');
  const results = await new Linter(lintConfig).lint(rootElement);
  return Object.values(results)
    .flat()
    .filter((report) => report.category === 'error')
    .map((report) => ({ id: report.id ?? '', message: report.message }));
}

function formsIn(dir: string): Map<string, readonly FormField[]> {
  const forms = new Map<string, readonly FormField[]>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.form.json'))) {
    const schema: unknown = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    const id = typeof schema === 'object' && schema !== null && 'id' in schema ? String(schema.id) : name;
    forms.set(id, formFields(schema));
  }
  return forms;
}

describe('designer lint rules', () => {
  it('should report, in Chinese and on the element, each problem of an invalid model', async () => {
    // given
    setKnownFormFields(formsIn(path.join(import.meta.dirname, 'fixtures')));

    // when
    const reports = await lint(fixture('invalid-model.bpmn'));

    // then
    expect(reports).toEqual(
      expect.arrayContaining([
        { id: 'Task_NoRole', message: '用户任务没有办理角色：请选择办理角色或指定人员' },
        { id: 'Flow_Bare', message: '分支没有条件：请设置条件，或把它设为默认分支' },
        { id: 'Flow_Typo', message: '条件引用的表单字段“urgnet”不存在' },
        { id: 'Gateway_Complex', message: '不支持的元素：复杂网关（本引擎暂不支持，目前没有支持计划）' },
      ]),
    );
    expect(reports).toHaveLength(4);
  });

  it('should find no error in any shipped sub-district template', async () => {
    // given the shipped forms
    setKnownFormFields(formsIn(path.join(repoRoot, 'definitions', 'forms')));
    const dir = path.join(repoRoot, 'definitions', 'templates');

    // when every template is linted
    const reports: string[] = [];
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.bpmn'))) {
      for (const report of await lint(readFileSync(path.join(dir, name), 'utf8'))) reports.push(`${name} ${report.id}: ${report.message}`);
    }

    // then
    expect(reports).toEqual([]);
  });
});
