import type {
  ElementDef,
  ErrorDef,
  EscalationDef,
  ExecutableModel,
  ExecutableProcess,
  FlowDef,
  MessageDef,
  SignalDef,
} from '../model/executable-model.js';
import { feelOrReport, valueOrReport } from './compile-expressions.js';
import { buildScope, type ProcessBuildContext } from './build-scope.js';
import { computeInclusiveReachability } from './inclusive-reachability.js';
import { attr, boolAttr, extension, idOf, isModdleNode, nodes, type ModdleNode } from './moddle-node.js';
import type { ProblemCollector } from './problem-collector.js';
import type { VisitedElement } from './visited-element.js';

export interface BuiltDocument {
  readonly model: ExecutableModel;
  readonly visited: readonly VisitedElement[];
}

/**
 * Turns the moddle tree of `bpmn:definitions` into the executable model. Problems found on the
 * way (dangling references, FEEL syntax, missing job types, …) go to `report`; the caller throws
 * when there are any, so a partially built model never escapes.
 */
export function buildModel(definitions: ModdleNode, report: ProblemCollector, unresolved: ReadonlySet<string>): BuiltDocument {
  const rootElements = nodes(definitions, 'rootElements');
  const messages = new Map<string, MessageDef>();
  const signals = new Map<string, SignalDef>();
  const errors = new Map<string, ErrorDef>();
  const escalations = new Map<string, EscalationDef>();
  const seenIds = new Set<string>();
  for (const root of rootElements) {
    const id = idOf(root);
    if (id === null) continue;
    switch (root.$type) {
      case 'bpmn:Message': {
        const subscription = extension(root, 'zeebe:Subscription');
        const correlationKey = subscription ? attr(subscription, 'correlationKey') : null;
        messages.set(id, {
          id,
          name: valueOrReport(report, root, 'name', attr(root, 'name') ?? ''),
          correlationKey: correlationKey === null ? null : feelOrReport(report, root, 'zeebe:subscription.correlationKey', correlationKey),
        });
        break;
      }
      case 'bpmn:Signal':
        signals.set(id, { id, name: valueOrReport(report, root, 'name', attr(root, 'name') ?? '') });
        break;
      case 'bpmn:Error':
        errors.set(id, { id, name: attr(root, 'name'), errorCode: attr(root, 'errorCode') });
        break;
      case 'bpmn:Escalation':
        escalations.set(id, { id, name: attr(root, 'name'), escalationCode: attr(root, 'escalationCode') });
        break;
      default:
        break;
    }
  }

  const visited: VisitedElement[] = [];
  const processes = new Map<string, ExecutableProcess>();
  const allProcesses = rootElements.filter((root) => root.$type === 'bpmn:Process');
  const executable = allProcesses.filter((process) => boolAttr(process, 'isExecutable') === true);
  if (executable.length === 0) {
    const subject = allProcesses[0] ?? definitions;
    report.add(
      subject,
      'isExecutable',
      allProcesses.length === 0
        ? '文件中没有流程（bpmn:process），无法部署'
        : '流程未标记为可执行 isExecutable=true，无法部署；请在建模器中勾选“可执行”（Executable）',
      allProcesses.length === 0
        ? 'the file contains no process (bpmn:process) and cannot be deployed'
        : 'no process is marked executable (isExecutable="true"), so nothing can be deployed; tick "Executable" in the modeler',
    );
  }
  for (const process of executable) {
    const processId = idOf(process);
    if (processId === null) {
      report.add(process, 'id', '流程缺少 id', 'the process has no id');
      continue;
    }
    seenIds.add(processId);
    const elements = new Map<string, ElementDef>();
    const flows = new Map<string, FlowDef>();
    const ctx: ProcessBuildContext = { report, visited, elements, flows, seenIds, unresolved };
    const scope = buildScope(process, processId, ctx);
    visited.push(...laneArtifacts(process));
    const canReachInclusiveJoin = computeInclusiveReachability(elements, flows);
    if (canReachInclusiveJoin === null) {
      report.add(
        process,
        'inclusiveGateway',
        '流程中的包容网关过多、路径过于复杂，无法部署；请拆分流程',
        'the process has too many inclusive gateways on too many paths to be deployed; split it into smaller processes',
      );
    }
    processes.set(processId, {
      id: processId,
      name: attr(process, 'name'),
      elements,
      flows,
      scope,
      canReachInclusiveJoin: canReachInclusiveJoin ?? new Map(),
    });
  }
  return { model: { processes, messages, signals, errors, escalations }, visited };
}

/** Lanes are diagram structure; listed so the support table judges them like everything else. */
function laneArtifacts(process: ModdleNode): VisitedElement[] {
  const result: VisitedElement[] = [];
  const pending = nodes(process, 'laneSets');
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const lane of nodes(set, 'lanes')) {
      result.push({ node: lane, id: idOf(lane), bpmnType: lane.$type, eventKind: null, triggeredByEvent: false });
      const childSet = lane['childLaneSet'];
      if (isModdleNode(childSet)) pending.push(childSet);
    }
  }
  return result;
}
