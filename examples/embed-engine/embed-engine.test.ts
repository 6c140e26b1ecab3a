import { describe, expect, it } from 'vitest';
import { runComplaint } from './embed-engine.js';

describe('example: embed the engine in a script', () => {
  it('should walk one complaint to its end and publish the reply', async () => {
    // when
    const result = await runComplaint();

    // then
    expect(result.status).toBe('completed');
    expect(result.publicReplies).toEqual(['已协调装修户，工作日 9:00 以后施工。']);
    expect(result.history.filter((h) => h.event === 'completed').map((h) => h.elementId)).toContain('Task_Revisit');
  });
});
