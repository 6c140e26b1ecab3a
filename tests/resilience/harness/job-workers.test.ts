import { describe, expect, it } from 'vitest';
import { exclusivityProblems, type Execution } from './job-workers.js';

/** The exclusivity check the multi-node tests rely on must see the faults it is there to catch. */
function execution(worker: string, lockedFrom: number, deadline: number, outcome: Execution['outcome']): Execution {
  return { jobKey: 'job-1', instanceId: 'case-1', worker, lockedFrom, deadline, receivedAt: lockedFrom, endedAt: lockedFrom + 10, outcome };
}

describe('exclusivityProblems', () => {
  it('should accept a job taken over once the abandoned lock has expired', () => {
    expect(exclusivityProblems([execution('a:worker-0', 1_000, 4_000, 'abandoned'), execution('b:worker-0', 4_000, 7_000, 'completed')])).toEqual([]);
  });

  it('should report two workers holding one job at the same time', () => {
    const problems = exclusivityProblems([execution('a:worker-0', 1_000, 4_000, 'abandoned'), execution('b:worker-0', 3_999, 6_999, 'completed')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('while a:worker-0 held it until 4000');
  });

  it('should report a job activated again after its completion was acknowledged, and a second completion', () => {
    const problems = exclusivityProblems([execution('a:worker-0', 1_000, 4_000, 'completed'), execution('b:worker-0', 5_000, 8_000, 'completed')]);
    expect(problems).toEqual(['job job-1: activated by b:worker-0 after a:worker-0\'s completion was acknowledged', 'job job-1: completed 2 times']);
  });
});
