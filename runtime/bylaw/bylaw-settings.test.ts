import { describe, expect, it } from 'vitest';
import { bylawSettings } from '../../definitions/bylaw-settings.js';
import { WorkflowValidationError } from '../services/errors.js';
import { bylawRules, effectiveBylaw, parseBylawValues, storedBylawValues } from './bylaw-settings.js';

/** The problems a refused input carries, by key. */
function problemsOf(input: unknown): Record<string, string> {
  try {
    parseBylawValues(input);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowValidationError);
    return Object.fromEntries((error as WorkflowValidationError).problems.map((p) => [p.field ?? '', p.message]));
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('bylaw settings', () => {
  it('should list every setting the templates read, with the Civil Code art. 278 defaults', () => {
    // then
    expect(bylawRules.map((r) => r.key).sort()).toEqual(Object.keys(bylawSettings).sort());
    expect(effectiveBylaw({})).toEqual({
      participationRatio: 2 / 3,
      specialApprovalRatio: 3 / 4,
      ordinaryApprovalRatio: 1 / 2,
      proposalSupportDays: 14,
      proposalSupportMin: 20,
      fundHearingThreshold: 5000,
      propertyPassScore: 60,
    });
    for (const rule of bylawRules) {
      expect(rule.zh, rule.key).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.basis.zh, rule.key).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.defaultValue, rule.key).toBeGreaterThanOrEqual(rule.min);
      expect(rule.defaultValue, rule.key).toBeLessThan(rule.maxExclusive ? rule.max : rule.max + 1e-9);
    }
  });

  it('should accept values in range, leave out null ones and merge over the defaults', () => {
    // when
    const values = parseBylawValues({ specialApprovalRatio: 0.8, participationRatio: null, fundHearingThreshold: 3000, propertyPassScore: 75.5 });

    // then
    expect(values).toEqual({ specialApprovalRatio: 0.8, fundHearingThreshold: 3000, propertyPassScore: 75.5 });
    expect(effectiveBylaw(values)).toMatchObject({ specialApprovalRatio: 0.8, participationRatio: 2 / 3, fundHearingThreshold: 3000 });
  });

  it('should accept the legal floors themselves', () => {
    expect(parseBylawValues({ participationRatio: 2 / 3, specialApprovalRatio: 3 / 4, ordinaryApprovalRatio: 1 / 2 })).toEqual({ participationRatio: 2 / 3, specialApprovalRatio: 3 / 4, ordinaryApprovalRatio: 1 / 2 });
  });

  it('should refuse an unknown key, naming it and the keys it may use', () => {
    // when
    const problems = problemsOf({ approvalRatio: 0.8, fundHearingThreshold: 3000 });

    // then
    expect(Object.keys(problems)).toEqual(['approvalRatio']);
    expect(problems['approvalRatio']).toContain('未知的规约参数 approvalRatio');
    expect(problems['approvalRatio']).toContain('specialApprovalRatio');
  });

  it('should refuse ratios below the statutory floor: a bylaw may only ask for more', () => {
    // when
    const problems = problemsOf({ participationRatio: 0.6, specialApprovalRatio: 0.7, ordinaryApprovalRatio: 0.4 });

    // then
    expect(Object.keys(problems).sort()).toEqual(['ordinaryApprovalRatio', 'participationRatio', 'specialApprovalRatio']);
    expect(problems['participationRatio']).toContain('0.6667–1');
    expect(problems['specialApprovalRatio']).toContain('收到 0.7');
  });

  it('should refuse an ordinary ratio of 1 (consent can never exceed it) or above the special ratio', () => {
    expect(Object.keys(problemsOf({ ordinaryApprovalRatio: 1 }))).toEqual(['ordinaryApprovalRatio']);
    expect(problemsOf({ ordinaryApprovalRatio: 0.8 })['ordinaryApprovalRatio']).toContain('不得高于特别事项');
    expect(parseBylawValues({ ordinaryApprovalRatio: 0.8, specialApprovalRatio: 0.9 })).toEqual({ ordinaryApprovalRatio: 0.8, specialApprovalRatio: 0.9 });
  });

  it('should refuse text, fractions of a day or person, negative amounts and scores above 100', () => {
    // when
    const problems = problemsOf({ specialApprovalRatio: '0.8', proposalSupportDays: 7.5, proposalSupportMin: 0, fundHearingThreshold: -1, propertyPassScore: 101 });

    // then
    expect(Object.keys(problems).sort()).toEqual(['fundHearingThreshold', 'propertyPassScore', 'proposalSupportDays', 'proposalSupportMin', 'specialApprovalRatio']);
    expect(problems['specialApprovalRatio']).toContain('须为数字');
    expect(problems['proposalSupportDays']).toContain('须为整数');
  });

  it('should refuse settings that are not an object', () => {
    for (const input of [null, [], 'x', 3]) expect(Object.keys(problemsOf(input)), JSON.stringify(input)).toEqual(['settings']);
  });

  it('should name every bad key in the message of the 422', () => {
    expect(() => parseBylawValues({ nope: 1, propertyPassScore: 200 })).toThrow(/nope、propertyPassScore/);
  });

  it('should read stored settings leniently: unknown keys and values now out of range take the default', () => {
    expect(storedBylawValues('{"specialApprovalRatio":0.9,"retiredKey":3,"participationRatio":0.1}')).toEqual({ specialApprovalRatio: 0.9 });
    expect(storedBylawValues('not json')).toEqual({});
  });
});
