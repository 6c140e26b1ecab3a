import { describe, expect, it } from 'vitest';
import { withFields } from './with-fields.js';

describe('withFields', () => {
  it('should add the fields to a copy, the fields winning over the base, and leave the base alone', () => {
    // given
    const base = { id: 't1', assignee: 'li', assigneeName: 'stale' };

    // when
    const named = withFields(base, { assigneeName: '李梅', completedByName: null });

    // then
    expect(named).toEqual({ id: 't1', assignee: 'li', assigneeName: '李梅', completedByName: null });
    expect(base).toEqual({ id: 't1', assignee: 'li', assigneeName: 'stale' });
  });
});
