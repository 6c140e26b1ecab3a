import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/index.js';
import { compileFeel } from '../../engine/feel/compile.js';
import { FeelEvaluationError, FeelSyntaxError, type FeelEnv } from '../../engine/feel/expression.js';
import type { JsonObject } from '../../engine/state/json.js';
import { compileFormSchema, FormSchemaError } from '../../runtime/forms/form-schema.js';
import { FormValidationError, validateFormData } from '../../runtime/forms/validate-form-data.js';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const env: FeelEnv = { now: Date.parse('2026-03-02T09:00:00+08:00'), timeZone: 'Asia/Shanghai', calendar: createWorkingCalendar(defaultCalendarYears), warn: () => undefined };

/** FEEL-looking text: tokens a secretary (or an attacker) types, glued at random. */
const feelText = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'b.c', 'amount', '1', '-1', '1e308', '0.1', '"x"', '"', 'null', 'true', 'not(', ')', '(', '[', ']', '{', '}', ':', ',', '+', '-', '*', '/', '**', '=', '!=', '<', '>=', 'and', 'or', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies', 'between', 'instance of', 'function', 'date("2026-02-30")', 'duration("P1Y")', 'now()', 'today()', 'add working days(today(), 3)', 'string length(', 'count(', 'sum(', 'substring(', 'matches(', '".*"', '"(a+)+$"', '@"2026-01-01"', '..', '?', '\\', ' ', '\n'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(' '));

const jsonValue = fc.jsonValue({ maxDepth: 3 });

describe('FEEL under arbitrary expressions and inputs', () => {
  it('should compile to an evaluator or refuse with a syntax error, and evaluate or fail with an evaluation error', () => {
    // given arbitrary expressions and variables
    fc.assert(
      fc.property(feelText, fc.dictionary(fc.constantFrom('a', 'b', 'amount', 'x'), jsonValue), (source, variables) => {
        // when
        let expression;
        try {
          expression = compileFeel(source);
        } catch (error) {
          // then a refusal is a syntax error with a message
          expect(error).toBeInstanceOf(FeelSyntaxError);
          return;
        }
        try {
          expression.evaluate((name) => variables[name], env);
        } catch (error) {
          // then an evaluation failure is the engine's own error type (the runtime maps it to an incident)
          expect(error).toBeInstanceOf(FeelEvaluationError);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('form data under arbitrary submissions', () => {
  const form = compileFormSchema(JSON.parse(readFileSync(new URL('./fixtures/complaint-register.form.json', import.meta.url), 'utf8')));

  it('should clean the data or name the problems, for any JSON object submitted', () => {
    // given arbitrary submissions, also with the form's own keys
    const keys = fc.constantFrom('category', 'otherCategory', 'description', 'contact', 'consent', 'channel', '__proto__', 'constructor', 'contact.building', 'x');
    fc.assert(
      fc.property(fc.dictionary(keys, jsonValue), fc.dictionary(fc.string({ maxLength: 8 }), jsonValue), (known, anything) => {
        // when
        const data = { ...anything, ...known } as JsonObject; // fast-check's JSON values are JSON
        try {
          const cleaned = validateFormData(form, data, { env });
          // then the cleaned data holds only the form's keys
          expect(Object.keys(cleaned).every((key) => ['category', 'otherCategory', 'description', 'contact', 'consent', 'channel'].includes(key))).toBe(true);
        } catch (error) {
          // then a refusal names the fields
          expect(error).toBeInstanceOf(FormValidationError);
          expect((error as FormValidationError).problems.length).toBeGreaterThan(0); // narrowed above
        }
      }),
      { numRuns: runs },
    );
  });

  it('should read any JSON as a form schema or refuse it with the problems', () => {
    // given arbitrary schemas that look a little like form-js
    const component = fc.record(
      { type: fc.constantFrom('textfield', 'number', 'select', 'group', 'dynamiclist', 'checklist', 'datetime', 'expression', 'x'), key: fc.oneof(fc.string({ maxLength: 6 }), fc.constant('a.b')), path: fc.string({ maxLength: 4 }), conditional: fc.record({ hide: fc.oneof(fc.string({ maxLength: 10 }), fc.constant('=a >')) }), validate: fc.dictionary(fc.constantFrom('required', 'min', 'max', 'pattern', 'minLength'), jsonValue), values: fc.array(fc.record({ label: fc.string(), value: jsonValue }), { maxLength: 3 }), components: jsonValue },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(jsonValue, fc.record({ id: fc.string(), components: fc.array(component, { maxLength: 5 }) })), (schema) => {
        // when
        try {
          compileFormSchema(schema);
        } catch (error) {
          // then
          expect(error).toBeInstanceOf(FormSchemaError);
        }
      }),
      { numRuns: runs },
    );
  });
});
