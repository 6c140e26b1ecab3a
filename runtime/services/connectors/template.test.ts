import { describe, expect, it } from 'vitest';
import { fillTemplate, recipientsOf } from './template.js';

describe('connector header templates', () => {
  it('should fill placeholders in text as plain values, never evaluating them', () => {
    expect(fillTemplate('{{building}}号{{unit}}单元：{{missing}}{{expr}}', { building: 12, unit: '3', expr: '1 + 1' })).toBe('12号3单元：1 + 1');
  });

  it('should name recipients by fixed keys and by variables, one per list item, none for a missing one', () => {
    const variables = { handlerGroup: 'pm', helpers: ['vol', 'bl'], routing: { party: 'oc' }, blank: '' };
    expect(recipientsOf('rc, street', variables)).toEqual(['rc', 'street']);
    expect(recipientsOf('{{handlerGroup}},rc', variables)).toEqual(['pm', 'rc']);
    expect(recipientsOf('{{helpers}}', variables)).toEqual(['vol', 'bl']);
    expect(recipientsOf('{{routing.party}}', variables)).toEqual(['oc']);
    expect(recipientsOf('{{absent}},{{blank}}', variables)).toEqual([]);
    expect(recipientsOf(undefined, variables)).toEqual([]);
  });
});
