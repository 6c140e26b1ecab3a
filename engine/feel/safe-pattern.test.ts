import { describe, expect, it } from 'vitest';
import { assertPatternRunnable, MAX_PATTERN_INPUT, unsafePatternMessage } from './safe-pattern.js';

describe('user regular expressions', () => {
  it.each(['(a+)+$', '(a*)*b', '(a|aa)*$', '(a|a)*', '(\\d+\\s?)+$', '(.*a){1,1000}', '^(\\w+\\s?)*$', '\\d*\\d*\\d*x', '.*.*=.*', '(a|)+', '(?:x+x+)+y', '([a-z]|\\w)+$'])(
    'should refuse the catastrophic pattern %s',
    (pattern) => {
      // given a pattern that backtracks exponentially or polynomially
      // when
      const reason = unsafePatternMessage(pattern);

      // then
      expect(reason).toContain(pattern);
    },
  );

  it.each(['^1[3-9]\\d{9}$', '^\\d{6}$', '^[A-Z]{2}-\\d+$', '^(\\d{3}-)+\\d{4}$', '^[\\u4e00-\\u9fa5]{2,10}$', '^(a|b)*c$', '^\\S+@\\S+\\.\\S+$', '^\\d+(\\.\\d{1,2})?$', '(?<year>\\d{4})-(?<m>\\d{2})', '^[^,]+(,[^,]+)*$'])(
    'should accept the ordinary pattern %s',
    (pattern) => {
      // given a pattern of the kind forms and gateways use
      // when
      const reason = unsafePatternMessage(pattern);

      // then
      expect(reason).toBeNull();
    },
  );

  it('should refuse to run a pattern on an input over the cap, naming the limit', () => {
    // given
    const input = 'a'.repeat(MAX_PATTERN_INPUT + 1);

    // when
    const run = (): void => assertPatternRunnable('^a+$', input, 'matches()');

    // then
    expect(run).toThrow(String(MAX_PATTERN_INPUT));
  });
});
