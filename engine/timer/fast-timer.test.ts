import { describe, expect, it } from 'vitest';
import { parseIsoDateTime } from './iso-date-time.js';
import { addDuration, parseIsoDuration } from './iso-duration.js';
import { fastDateWithOffset, fastDurationDue } from './fast-timer.js';
import { Temporal } from 'temporal-polyfill';

const fail = (zh: string): never => {
  throw new Error(zh);
};

describe('timer shortcuts agree with the general path', () => {
  it('should read dates with an offset exactly as the Temporal path does', () => {
    for (const text of ['2026-12-01T09:00:00+08:00', '2026-12-01T01:00:00Z', '2024-02-29T23:59:59.5-05:30', '2026-10-10T00:00+08:00', '1999-12-31T23:59:59.999+14:00']) {
      expect(fastDateWithOffset(text), text).toBe(parseIsoDateTime(text, 'Asia/Shanghai', fail).epochMs);
    }
  });

  it('should leave impossible or zone-named dates to the general path', () => {
    for (const text of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-12-01T24:00:00Z', '2026-12-01T09:00:00@Asia/Shanghai', '2026-12-01T09:00:00', '2026-12-01']) {
      expect(fastDateWithOffset(text), text).toBeNull();
    }
  });

  it('should add fixed-length durations in Shanghai as Temporal does, and leave months to it', () => {
    const now = Date.parse('2026-09-30T10:30:00+08:00');
    const start = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO('Asia/Shanghai');
    for (const text of ['PT15M', 'P1D', 'P3DT2H', 'P1W', 'PT1.5S']) {
      const duration = parseIsoDuration(text, fail);
      expect(fastDurationDue(now, duration, 3, 'Asia/Shanghai'), text).toBe(addDuration(start, duration, 3).epochMilliseconds);
    }
    expect(fastDurationDue(now, parseIsoDuration('P1M', fail), 1, 'Asia/Shanghai')).toBeNull();
    expect(fastDurationDue(now, parseIsoDuration('P1D', fail), 1, 'Europe/Berlin')).toBeNull();
  });
});
