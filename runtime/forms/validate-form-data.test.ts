import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import type { FeelEnv } from '../../engine/feel/expression.js';
import type { JsonObject } from '../../engine/state/json.js';
import { compileFormSchema, FormSchemaError } from './form-schema.js';
import { FormValidationError, validateFormData, type FormProblem } from './validate-form-data.js';

const env: FeelEnv = { now: Date.UTC(2026, 10, 26), timeZone: 'Asia/Shanghai', calendar: createWorkingCalendar(defaultCalendarYears), warn: () => undefined };
const complaintForm = compileFormSchema(JSON.parse(readFileSync(new URL('./fixtures/complaint-register.form.json', import.meta.url), 'utf8')));

function problemsOf(data: JsonObject): FormProblem[] {
  try {
    validateFormData(complaintForm, data, { env });
  } catch (error) {
    if (error instanceof FormValidationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('validateFormData', () => {
  it('should accept a complete submission and fill defaults', () => {
    // when
    const data = validateFormData(complaintForm, { category: 'parking', description: '车辆占用消防通道', contact: { phone: '021-5888 1234', building: 12 } }, { env });

    // then
    expect(data).toEqual({ category: 'parking', description: '车辆占用消防通道', contact: { phone: '021-5888 1234', building: 12 }, consent: false, channel: 'phone' });
  });

  it('should name every required field that is missing', () => {
    // when
    const problems = problemsOf({});

    // then
    expect(problems.map((p) => p.field)).toEqual(['category', 'description']);
    expect(problems[0]).toMatchObject({ label: '投诉类别', message: expect.stringContaining('必填') });
  });

  it('should drop a field hidden by its FEEL condition even when the browser sent it', () => {
    // when
    const data = validateFormData(complaintForm, { category: 'repair', otherCategory: 'x'.repeat(50), description: '楼道灯坏了三天' }, { env });

    // then
    expect(data).not.toHaveProperty('otherCategory');
  });

  it('should validate a conditional field once its condition shows it', () => {
    // when
    const problems = problemsOf({ category: 'other', description: '楼道灯坏了三天' });

    // then
    expect(problems).toEqual([expect.objectContaining({ field: 'otherCategory', message: expect.stringContaining('必填') })]);
  });

  it('should refuse wrong types, lengths, ranges, options, patterns and dates', () => {
    // when
    const problems = problemsOf({
      category: 'noise',
      description: '短',
      contact: { phone: 'call me', building: 6.5 },
      occurredOn: '2026-02-30',
      consent: 'yes',
      channel: 'fax',
      room: '12号',
    });

    // then
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toEqual({
      category: expect.stringContaining('不是可选项'),
      description: expect.stringContaining('至少 5 个字'),
      'contact.phone': expect.stringContaining('电话'),
      'contact.building': expect.stringContaining('整数'),
      occurredOn: expect.stringContaining('YYYY-MM-DD'),
      consent: expect.stringContaining('是/否'),
      channel: expect.stringContaining('不是可选项'),
      room: expect.stringContaining('格式'),
    });
  });

  it('should refuse a number outside its range', () => {
    // when
    const problems = problemsOf({ category: 'parking', description: '车辆占用消防通道', contact: { building: 61 } });

    // then
    expect(problems).toEqual([expect.objectContaining({ field: 'contact.building', message: expect.stringContaining('不能大于 60') })]);
  });

  it('should refuse keys the form does not have', () => {
    // when
    const problems = problemsOf({ category: 'parking', description: '车辆占用消防通道', approved: true, contact: { email: 'a@b.cn' } });

    // then
    expect(problems.map((p) => p.field)).toEqual(['approved', 'contact.email']);
  });

  it('should validate each row of a dynamic list and compute expression fields', () => {
    // given
    const form = compileFormSchema({
      id: 'meeting',
      components: [
        {
          type: 'dynamiclist',
          id: 'attendees',
          path: 'attendees',
          isRepeating: true,
          components: [
            { type: 'textfield', id: 'name', key: 'name', label: '姓名', validate: { required: true } },
            { type: 'select', id: 'role', key: 'role', label: '身份', values: [{ label: '业委会', value: 'oc' }, { label: '居委会', value: 'rc' }] },
          ],
        },
        { type: 'expression', id: 'count', key: 'count', expression: '=count(attendees)', computeOn: 'presubmit' },
      ],
    });

    // when
    let problems: readonly FormProblem[] = [];
    try {
      validateFormData(form, { attendees: [{ name: '王阿姨', role: 'rc' }, { role: 'pm' }] }, { env });
    } catch (error) {
      if (error instanceof FormValidationError) problems = error.problems;
    }
    const ok = validateFormData(form, { attendees: [{ name: '王阿姨', role: 'rc' }], count: 99 }, { env });

    // then
    expect(problems.map((p) => p.field)).toEqual(['attendees[1].name', 'attendees[1].role']);
    expect(ok).toEqual({ attendees: [{ name: '王阿姨', role: 'rc' }], count: 1 });
  });

  it('should read options from the process variables when the form says valuesKey', () => {
    // given
    const form = compileFormSchema({ components: [{ type: 'radio', id: 'handler', key: 'handler', valuesKey: 'handlers' }] });
    const context = { handlers: [{ label: '物业', value: 'pm' }] };

    // when
    const accepted = validateFormData(form, { handler: 'pm' }, { env, context });
    const refused = () => validateFormData(form, { handler: 'oc' }, { env, context });

    // then
    expect(accepted).toEqual({ handler: 'pm' });
    expect(refused).toThrow(FormValidationError);
  });

  it('should never take a read-only field from the client', () => {
    // given a clerk's form that shows the resident's description read-only
    const form = compileFormSchema({
      components: [
        { type: 'textarea', id: 'description', key: 'description', label: '问题描述', readonly: true },
        { type: 'textfield', id: 'note', key: 'note', label: '备注', readonly: '=locked' },
        { type: 'radio', id: 'decision', key: 'decision', values: [{ label: '受理', value: 'accept' }] },
      ],
    });

    // when the browser sends a changed description
    const locked = validateFormData(form, { description: '改过的描述', note: 'x', decision: 'accept' }, { env, context: { locked: true } });
    const open = validateFormData(form, { description: '改过的描述', note: 'x', decision: 'accept' }, { env, context: { locked: false } });

    // then the process keeps its own value
    expect(locked).toEqual({ decision: 'accept' });
    expect(open).toEqual({ note: 'x', decision: 'accept' });
  });
});

describe('compileFormSchema', () => {
  it('should list every broken condition, pattern and key of a form', () => {
    // when
    let problems: readonly { elementId: string | null; field?: string }[] = [];
    try {
      compileFormSchema({
        components: [
          { type: 'textfield', id: 'a', key: 'a', conditional: { hide: '=x >' } },
          { type: 'textfield', id: 'b', key: 'b', validate: { pattern: '([' } },
          { type: 'number', id: 'c', key: '1bad' },
          { type: 'textfield', id: 'd', key: 'a' },
        ],
      });
    } catch (error) {
      if (error instanceof FormSchemaError) problems = error.problems;
    }

    // then
    expect(problems.map((p) => [p.elementId, p.field])).toEqual([
      ['a', 'conditional.hide'],
      ['b', 'validate.pattern'],
      ['c', 'key'],
      ['d', 'key'],
    ]);
  });
});
