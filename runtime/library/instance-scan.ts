import type { InstanceSummary, ListInstancesInput, WorkflowService } from '../services/workflow-service.js';

/** How many instances one scan reads at most: the library serves one community, not a data warehouse. */
export const scanLimit = 5000;

/** Every instance matching the filter, page by page, up to `max`. */
export async function scanInstances(workflow: WorkflowService, filter: Omit<ListInstancesInput, 'cursor' | 'limit'>, max = scanLimit): Promise<InstanceSummary[]> {
  const items: InstanceSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await workflow.listInstances({ ...filter, limit: 200, ...(cursor === undefined ? {} : { cursor }) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && items.length < max);
  return items.slice(0, max);
}

/** Running / completed / incident counts of a set of instances. */
export interface CaseCounts {
  running: number;
  completed: number;
  terminated: number;
  incidents: number;
}

export function countCases(instances: readonly InstanceSummary[]): CaseCounts {
  const counts: CaseCounts = { running: 0, completed: 0, terminated: 0, incidents: 0 };
  for (const instance of instances) {
    if (instance.status === 'active') counts.running += 1;
    else if (instance.status === 'completed') counts.completed += 1;
    else counts.terminated += 1;
    if (instance.openIncidents > 0) counts.incidents += 1;
  }
  return counts;
}
