import { EntitySchema } from '@mikro-orm/core';

/**
 * One row per case with what the statistics group and count by (issue 10), so a year of a
 * sub-district is one index range over narrow rows instead of a dozen joins per case. A
 * projection: `runtime/stats/case-summary.ts` rewrites a case's row from the instance, its first
 * user task and its variables in the same transaction as every command on it.
 */
export interface CaseSummary {
  instanceId: string;
  community: string;
  processKey: string;
  status: 'active' | 'completed' | 'terminated';
  startedAt: number;
  endedAt: number | null;
  /** The first user task (受理): its status, due time and completion time. */
  firstTaskStatus: string | null;
  firstTaskDueAt: number | null;
  firstTaskCompletedAt: number | null;
  /** `satisfaction` variable (satisfied / basic / unsatisfied). */
  satisfaction: string | null;
  /** 1 when the template recorded `overdue = true`. */
  overdue: number;
  /** `category`, else `subject`, else `patrolArea`. */
  category: string | null;
  building: number | null;
  /** `handlerGroup` variable. */
  handler: string | null;
}

export const caseSummarySchema = new EntitySchema<CaseSummary>({
  name: 'CaseSummary',
  tableName: 'wf_case_summary',
  properties: {
    instanceId: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    processKey: { type: 'string', length: 255 },
    status: { type: 'string', length: 16 },
    startedAt: { type: 'bigint', columnType: 'bigint' },
    endedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    firstTaskStatus: { type: 'string', length: 16, nullable: true },
    firstTaskDueAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    firstTaskCompletedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    satisfaction: { type: 'string', length: 200, nullable: true },
    overdue: { type: 'integer' },
    category: { type: 'string', length: 200, nullable: true },
    building: { type: 'double', nullable: true },
    handler: { type: 'string', length: 200, nullable: true },
  },
  indexes: [{ name: 'wf_case_summary_started_idx', properties: ['community', 'startedAt'] }],
});
