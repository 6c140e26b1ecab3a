import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.js';

describe('createIdGenerator', () => {
  it('should make 26-character ids of the ULID alphabet, time first', () => {
    // given
    const newId = createIdGenerator(() => Date.UTC(2026, 10, 26, 8, 0, 0));

    // when
    const id = newId();

    // then
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id.slice(0, 10)).toBe('01M8BDWP00'); // 2026-11-26T08:00:00Z in base 32, most significant digit first
  });

  it('should keep ids made in the same millisecond strictly increasing', () => {
    // given
    const newId = createIdGenerator(() => 1_700_000_000_000);

    // when
    const ids = Array.from({ length: 1000 }, () => newId());

    // then
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should sort ids of later milliseconds after earlier ones', () => {
    // given
    let now = 1_700_000_000_000;
    const newId = createIdGenerator(() => now);

    // when
    const first = newId();
    now += 1;
    const second = newId();

    // then
    expect(second > first).toBe(true);
  });
});
