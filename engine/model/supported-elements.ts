/**
 * The single source of truth for which BPMN elements the engine runs. Deploy-time validation,
 * the README table and the designer's lint rules all read this table.
 *
 * To enable an element once the engine runs it, change its `status` from `'notYet'` to
 * `'supported'` — one word; the reason is then simply no longer shown.
 */

export type SupportStatus = 'supported' | 'notYet';

/** What an event does, from its event definition (`none` when it has none). */
export type EventKind =
  | 'none'
  | 'timer'
  | 'message'
  | 'signal'
  | 'error'
  | 'escalation'
  | 'link'
  | 'terminate'
  | 'compensate'
  | 'cancel'
  | 'conditional'
  /** Several event definitions on one event (BPMN "multiple" / "parallel multiple"). */
  | 'multiple';

export type ElementCategory = 'event' | 'task' | 'gateway' | 'subProcess' | 'flow' | 'marker' | 'artifact';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface SupportedElementEntry {
  /** BPMN type as moddle names it, e.g. `bpmn:StartEvent`. */
  readonly bpmnType: string;
  /** For events: which event definition this row is about. */
  readonly eventKind?: EventKind;
  /** For `bpmn:SubProcess`: the row for event sub-processes (`triggeredByEvent="true"`). */
  readonly triggeredByEvent?: boolean;
  readonly category: ElementCategory;
  readonly status: SupportStatus;
  /** `false` for diagram-only artefacts the engine ignores on purpose (annotations, lanes, …). */
  readonly executable: boolean;
  readonly label: Bilingual;
  /** Why it is refused; shown while `status` is `'notYet'`. */
  readonly reason?: Bilingual;
}

const notPlanned: Bilingual = {
  zh: '本引擎暂不支持，目前没有支持计划',
  en: 'not supported by this engine, and not planned yet',
};

/** Rows for one event type over several event kinds. */
function events(
  bpmnType: string,
  zhType: string,
  enType: string,
  kinds: readonly (readonly [EventKind, SupportStatus, string, string, Bilingual | undefined])[],
): SupportedElementEntry[] {
  return kinds.map(([eventKind, status, zhKind, enKind, reason]) => ({
    bpmnType,
    eventKind,
    category: 'event' as const,
    status,
    executable: true,
    label: { zh: `${zhKind}${zhType}`, en: `${enKind} ${enType}`.trim() },
    ...(reason ? { reason } : {}),
  }));
}

export const supportedElements: readonly SupportedElementEntry[] = [
  // Start events
  ...events('bpmn:StartEvent', '开始事件', 'start event', [
    ['none', 'supported', '空', 'none', undefined],
    ['timer', 'supported', '定时', 'timer', undefined],
    ['message', 'supported', '消息', 'message', undefined],
    ['signal', 'supported', '信号', 'signal', undefined],
    ['error', 'supported', '错误', 'error', undefined],
    ['escalation', 'supported', '升级', 'escalation', undefined],
    ['compensate', 'notYet', '补偿', 'compensation', notPlanned],
    ['conditional', 'notYet', '条件', 'conditional', notPlanned],
    ['multiple', 'notYet', '多重', 'multiple', notPlanned],
  ]),
  // End events
  ...events('bpmn:EndEvent', '结束事件', 'end event', [
    ['none', 'supported', '空', 'none', undefined],
    ['terminate', 'supported', '终止', 'terminate', undefined],
    ['message', 'supported', '消息', 'message', undefined],
    ['signal', 'supported', '信号', 'signal', undefined],
    ['error', 'supported', '错误', 'error', undefined],
    ['escalation', 'supported', '升级', 'escalation', undefined],
    ['compensate', 'notYet', '补偿', 'compensation', notPlanned],
    ['cancel', 'notYet', '取消', 'cancel', notPlanned],
    ['multiple', 'notYet', '多重', 'multiple', notPlanned],
  ]),
  // Intermediate catch events
  ...events('bpmn:IntermediateCatchEvent', '中间捕获事件', 'intermediate catch event', [
    ['timer', 'supported', '定时', 'timer', undefined],
    ['message', 'supported', '消息', 'message', undefined],
    ['signal', 'supported', '信号', 'signal', undefined],
    ['link', 'supported', '链接', 'link', undefined],
    ['conditional', 'notYet', '条件', 'conditional', notPlanned],
    ['multiple', 'notYet', '多重', 'multiple', notPlanned],
    ['none', 'notYet', '空', 'none', { zh: '中间捕获事件必须有事件定义（定时、消息、信号或链接）', en: 'an intermediate catch event needs an event definition (timer, message, signal or link)' }],
  ]),
  // Intermediate throw events
  ...events('bpmn:IntermediateThrowEvent', '中间抛出事件', 'intermediate throw event', [
    ['none', 'supported', '空', 'none', undefined],
    ['message', 'supported', '消息', 'message', undefined],
    ['signal', 'supported', '信号', 'signal', undefined],
    ['escalation', 'supported', '升级', 'escalation', undefined],
    ['link', 'supported', '链接', 'link', undefined],
    ['compensate', 'notYet', '补偿', 'compensation', notPlanned],
    ['multiple', 'notYet', '多重', 'multiple', notPlanned],
  ]),
  // Boundary events
  ...events('bpmn:BoundaryEvent', '边界事件', 'boundary event', [
    ['timer', 'supported', '定时', 'timer', undefined],
    ['message', 'supported', '消息', 'message', undefined],
    ['signal', 'supported', '信号', 'signal', undefined],
    ['error', 'supported', '错误', 'error', undefined],
    ['escalation', 'supported', '升级', 'escalation', undefined],
    ['compensate', 'notYet', '补偿', 'compensation', notPlanned],
    ['cancel', 'notYet', '取消', 'cancel', notPlanned],
    ['conditional', 'notYet', '条件', 'conditional', notPlanned],
    ['multiple', 'notYet', '多重', 'multiple', notPlanned],
    ['none', 'notYet', '空', 'none', { zh: '边界事件必须有事件定义', en: 'a boundary event needs an event definition' }],
  ]),
  // Tasks
  { bpmnType: 'bpmn:UserTask', category: 'task', status: 'supported', executable: true, label: { zh: '用户任务', en: 'user task' } },
  { bpmnType: 'bpmn:ServiceTask', category: 'task', status: 'supported', executable: true, label: { zh: '服务任务', en: 'service task' } },
  { bpmnType: 'bpmn:SendTask', category: 'task', status: 'supported', executable: true, label: { zh: '发送任务', en: 'send task' } },
  { bpmnType: 'bpmn:BusinessRuleTask', category: 'task', status: 'supported', executable: true, label: { zh: '业务规则任务', en: 'business rule task' } },
  { bpmnType: 'bpmn:ScriptTask', category: 'task', status: 'supported', executable: true, label: { zh: '脚本任务', en: 'script task' } },
  { bpmnType: 'bpmn:Task', category: 'task', status: 'supported', executable: true, label: { zh: '任务（直接通过）', en: 'task (passes through)' } },
  { bpmnType: 'bpmn:ManualTask', category: 'task', status: 'supported', executable: true, label: { zh: '手工任务（直接通过）', en: 'manual task (passes through)' } },
  { bpmnType: 'bpmn:ReceiveTask', category: 'task', status: 'supported', executable: true, label: { zh: '接收任务', en: 'receive task' } },
  { bpmnType: 'bpmn:CallActivity', category: 'task', status: 'supported', executable: true, label: { zh: '调用活动', en: 'call activity' } },
  // Gateways
  { bpmnType: 'bpmn:ExclusiveGateway', category: 'gateway', status: 'supported', executable: true, label: { zh: '排他网关', en: 'exclusive gateway' } },
  { bpmnType: 'bpmn:ParallelGateway', category: 'gateway', status: 'supported', executable: true, label: { zh: '并行网关', en: 'parallel gateway' } },
  { bpmnType: 'bpmn:InclusiveGateway', category: 'gateway', status: 'supported', executable: true, label: { zh: '包容网关', en: 'inclusive gateway' } },
  { bpmnType: 'bpmn:EventBasedGateway', category: 'gateway', status: 'supported', executable: true, label: { zh: '事件网关', en: 'event-based gateway' } },
  { bpmnType: 'bpmn:ComplexGateway', category: 'gateway', status: 'notYet', executable: true, label: { zh: '复杂网关', en: 'complex gateway' }, reason: notPlanned },
  // Sub-processes
  { bpmnType: 'bpmn:SubProcess', category: 'subProcess', status: 'supported', executable: true, label: { zh: '嵌入式子流程', en: 'embedded sub-process' } },
  { bpmnType: 'bpmn:SubProcess', triggeredByEvent: true, category: 'subProcess', status: 'supported', executable: true, label: { zh: '事件子流程', en: 'event sub-process' } },
  { bpmnType: 'bpmn:Transaction', category: 'subProcess', status: 'notYet', executable: true, label: { zh: '事务子流程', en: 'transaction' }, reason: notPlanned },
  { bpmnType: 'bpmn:AdHocSubProcess', category: 'subProcess', status: 'notYet', executable: true, label: { zh: '临时子流程', en: 'ad-hoc sub-process' }, reason: notPlanned },
  // Flows and markers
  { bpmnType: 'bpmn:SequenceFlow', category: 'flow', status: 'supported', executable: true, label: { zh: '顺序流（可带 FEEL 条件）', en: 'sequence flow (with FEEL condition)' } },
  { bpmnType: 'bpmn:MultiInstanceLoopCharacteristics', category: 'marker', status: 'supported', executable: true, label: { zh: '多实例（并行/串行）', en: 'multi-instance (parallel / sequential)' } },
  { bpmnType: 'bpmn:StandardLoopCharacteristics', category: 'marker', status: 'notYet', executable: true, label: { zh: '标准循环', en: 'standard loop' }, reason: { zh: '请改用多实例或顺序流构成的循环', en: 'use multi-instance or a loop made of sequence flows instead' } },
  // Diagram-only artefacts: accepted and ignored by the engine.
  { bpmnType: 'bpmn:TextAnnotation', category: 'artifact', status: 'supported', executable: false, label: { zh: '文字注释（不执行）', en: 'text annotation (not executed)' } },
  { bpmnType: 'bpmn:Association', category: 'artifact', status: 'supported', executable: false, label: { zh: '关联线（不执行）', en: 'association (not executed)' } },
  { bpmnType: 'bpmn:Group', category: 'artifact', status: 'supported', executable: false, label: { zh: '分组（不执行）', en: 'group (not executed)' } },
  { bpmnType: 'bpmn:Lane', category: 'artifact', status: 'supported', executable: false, label: { zh: '泳道（不执行）', en: 'lane (not executed)' } },
  { bpmnType: 'bpmn:Participant', category: 'artifact', status: 'supported', executable: false, label: { zh: '池（不执行）', en: 'pool (not executed)' } },
  { bpmnType: 'bpmn:MessageFlow', category: 'artifact', status: 'supported', executable: false, label: { zh: '消息流（仅图示，不执行）', en: 'message flow (diagram only, not executed)' } },
  { bpmnType: 'bpmn:DataObject', category: 'artifact', status: 'supported', executable: false, label: { zh: '数据对象（不执行）', en: 'data object (not executed)' } },
  { bpmnType: 'bpmn:DataObjectReference', category: 'artifact', status: 'supported', executable: false, label: { zh: '数据对象引用（不执行）', en: 'data object reference (not executed)' } },
  { bpmnType: 'bpmn:DataStoreReference', category: 'artifact', status: 'supported', executable: false, label: { zh: '数据存储引用（不执行）', en: 'data store reference (not executed)' } },
];

export interface SupportInfo {
  readonly status: SupportStatus;
  /** The matching table row; null when the type is not in the table at all (never supported). */
  readonly entry: SupportedElementEntry | null;
}

const byKey = new Map<string, SupportedElementEntry>(supportedElements.map((entry) => [keyOf(entry.bpmnType, entry.eventKind, entry.triggeredByEvent), entry]));

function keyOf(bpmnType: string, eventKind: EventKind | undefined, triggeredByEvent: boolean | undefined): string {
  return `${bpmnType}|${eventKind ?? ''}|${triggeredByEvent ? 'event' : ''}`;
}

/**
 * Whether the engine runs this element. Types missing from the table are `'notYet'` with a
 * null entry: unknown means refused, never skipped.
 */
export function elementSupport(bpmnType: string, eventKind?: EventKind | null, options?: { readonly triggeredByEvent?: boolean }): SupportInfo {
  const entry = byKey.get(keyOf(bpmnType, eventKind ?? undefined, options?.triggeredByEvent === true)) ?? null;
  return { status: entry?.status ?? 'notYet', entry };
}

const categoryTitles: Readonly<Record<ElementCategory, Bilingual>> = {
  event: { zh: '事件', en: 'Events' },
  task: { zh: '任务', en: 'Tasks' },
  gateway: { zh: '网关', en: 'Gateways' },
  subProcess: { zh: '子流程', en: 'Sub-processes' },
  flow: { zh: '连线', en: 'Flows' },
  marker: { zh: '标记', en: 'Markers' },
  artifact: { zh: '图示元素（不执行）', en: 'Diagram artefacts (not executed)' },
};

/** The table as Markdown for the README (Chinese and English side by side). */
export function renderSupportTableMarkdown(entries: readonly SupportedElementEntry[] = supportedElements): string {
  const lines = ['| 类别 / Category | 元素 / Element | BPMN | 状态 / Status | 说明 / Note |', '|---|---|---|---|---|'];
  for (const entry of entries) {
    const category = categoryTitles[entry.category];
    const bpmn = `\`${entry.bpmnType}\`${entry.eventKind ? ` (${entry.eventKind})` : ''}${entry.triggeredByEvent ? ' (triggeredByEvent)' : ''}`;
    const status = entry.status === 'supported' ? '✅ 支持 / supported' : '⏳ 暂不支持 / not yet';
    const note = entry.status === 'notYet' && entry.reason ? `${entry.reason.zh} / ${entry.reason.en}` : '';
    lines.push(`| ${category.zh} / ${category.en} | ${entry.label.zh} / ${entry.label.en} | ${bpmn} | ${status} | ${note} |`);
  }
  return `${lines.join('\n')}\n`;
}
