import type { HistoryEntry, InstanceStatus, InstanceSummary, JsonValue, Scoped, WorkflowService } from '../services/workflow-service.js';
import { countCases, scanInstances, type CaseCounts } from './instance-scan.js';

/** Per-element badge data on the monitor diagram. */
export interface ElementCount {
  readonly elementId: string;
  readonly active: number;
  readonly incidents: number;
}

export interface VersionOverview {
  readonly processKey: string;
  readonly version: number | null;
  readonly counts: CaseCounts;
  readonly elements: ElementCount[];
  /** True when more running cases exist than the badges were counted over. */
  readonly sampled: boolean;
}

export interface InstancePath {
  readonly completedElements: string[];
  readonly takenFlows: string[];
  readonly activeElements: string[];
  readonly incidentElements: string[];
}

export interface MonitorFilter extends Scoped {
  readonly processKey: string;
  readonly version?: number;
  readonly status?: InstanceStatus;
  readonly businessKey?: string;
  readonly startedAfter?: string;
  readonly startedBefore?: string;
  /** Variable equality filter: the variable's value as text equals `variableValue`. */
  readonly variableName?: string;
  readonly variableValue?: string;
}

/** How many running cases' active elements one overview reads. */
const badgeSample = 500;

function asText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Monitor figures built from the workflow service's public queries. */
export class MonitorService {
  constructor(private readonly workflow: WorkflowService) {}

  async overview(scope: Scoped, processKey: string, version: number | null): Promise<VersionOverview> {
    const all = await scanInstances(this.workflow, { ...scope, processKey });
    const instances = version === null ? all : all.filter((instance) => instance.definitionVersion === version);
    const running = instances.filter((instance) => instance.status === 'active');
    const byElement = new Map<string, { active: number; incidents: number }>();
    for (const instance of running.slice(0, badgeSample)) {
      const details = await this.workflow.getInstance({ ...scope, id: instance.id });
      for (const element of details.activeElements) {
        const entry = byElement.get(element.elementId) ?? { active: 0, incidents: 0 };
        entry.active += 1;
        if (element.incidentId !== null) entry.incidents += 1;
        byElement.set(element.elementId, entry);
      }
    }
    return {
      processKey,
      version,
      counts: countCases(instances),
      elements: [...byElement].map(([elementId, entry]) => ({ elementId, ...entry })),
      sampled: running.length > badgeSample,
    };
  }

  /** The elements an instance has completed and the flows it took, for colouring its path. */
  async path(scope: Scoped, id: string): Promise<InstancePath> {
    const details = await this.workflow.getInstance({ ...scope, id });
    const history: HistoryEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.workflow.listHistory({ ...scope, instanceId: id, limit: 200, ...(cursor === undefined ? {} : { cursor }) });
      history.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && history.length < 20000);
    const completed = new Set<string>();
    const flows = new Set<string>();
    for (const entry of history) {
      if (entry.type === 'element.completed' && entry.elementId !== null) completed.add(entry.elementId);
      // the engine's flow event names the flow in its data
      const flowId = entry.elementId ?? entry.data.flowId;
      if (entry.type === 'flow.taken' && typeof flowId === 'string') flows.add(flowId);
    }
    return {
      completedElements: [...completed],
      takenFlows: [...flows],
      activeElements: details.activeElements.map((element) => element.elementId),
      incidentElements: details.incidents.filter((incident) => incident.status === 'open').map((incident) => incident.elementId),
    };
  }

  /** Instances of one process with the monitor's filters; variable filters read each candidate. */
  async instances(filter: MonitorFilter): Promise<InstanceSummary[]> {
    const { processKey, status, businessKey, startedAfter, startedBefore, community } = filter;
    const listed = await scanInstances(this.workflow, {
      community,
      processKey,
      ...(status === undefined ? {} : { status }),
      ...(businessKey === undefined ? {} : { businessKey }),
      ...(startedAfter === undefined ? {} : { startedAfter }),
      ...(startedBefore === undefined ? {} : { startedBefore }),
    });
    const inVersion = filter.version === undefined ? listed : listed.filter((instance) => instance.definitionVersion === filter.version);
    if (filter.variableName === undefined || filter.variableName === '') return inVersion.slice(0, 200);
    const matching: InstanceSummary[] = [];
    for (const instance of inVersion) {
      const details = await this.workflow.getInstance({ community, id: instance.id });
      if (asText(details.variables[filter.variableName]) === (filter.variableValue ?? '')) matching.push(instance);
      if (matching.length >= 200) break;
    }
    return matching;
  }
}
