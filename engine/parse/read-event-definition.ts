import type { EventDefinitionDef, TimerDef } from '../model/executable-model.js';
import type { EventKind } from '../model/supported-elements.js';
import { valueOrReport } from './compile-expressions.js';
import { attr, child, expressionBody, idOf, nodes, type ModdleNode } from './moddle-node.js';
import type { ProblemCollector } from './problem-collector.js';

const kindsByType: Readonly<Record<string, EventKind>> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:CancelEventDefinition': 'cancel',
  'bpmn:ConditionalEventDefinition': 'conditional',
};

/** The event kind of an event element: `none` without a definition, `multiple` with several. */
export function eventKindOf(node: ModdleNode): EventKind {
  const definitions = nodes(node, 'eventDefinitions');
  if (definitions.length === 0) return 'none';
  if (definitions.length > 1) return 'multiple';
  const first = definitions[0];
  return first ? (kindsByType[first.$type] ?? 'multiple') : 'none';
}

/** Whether the event waits for something (catch) rather than produces it (throw). */
export type EventRole = 'catch' | 'throw';

/**
 * Reads the (single) event definition. Returns null for kinds the model cannot describe
 * (compensation, cancel, conditional, multiple); those are refused by the support table.
 */
export function readEventDefinition(node: ModdleNode, role: EventRole, report: ProblemCollector): EventDefinitionDef | null {
  const kind = eventKindOf(node);
  const definition = nodes(node, 'eventDefinitions')[0];
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'terminate':
      return { kind: 'terminate' };
    case 'timer': {
      const timer = definition ? readTimer(node, definition, report) : null;
      return timer ? { kind: 'timer', timer } : null;
    }
    case 'message': {
      const message = definition ? child(definition, 'messageRef') : null;
      const messageId = message ? idOf(message) : null;
      // Catching needs a message to correlate; a message throw in Camunda 8 is a job and may omit it.
      if (role === 'catch' && messageId === null) {
        report.add(node, 'messageRef', '消息事件没有选择消息', 'the message event does not reference a message');
      } else if (role === 'catch' && message && attr(message, 'name') === null) {
        report.add(node, 'messageRef', `消息 "${messageId ?? ''}" 没有名称，无法关联`, `the message "${messageId ?? ''}" has no name, so nothing can correlate to it`);
      }
      return { kind: 'message', messageId };
    }
    case 'signal': {
      const signalId = definition ? refId(definition, 'signalRef') : null;
      if (signalId === null) report.add(node, 'signalRef', '信号事件没有选择信号', 'the signal event does not reference a signal');
      return { kind: 'signal', signalId };
    }
    case 'error': {
      const errorId = definition ? refId(definition, 'errorRef') : null;
      // A catching error event without a reference catches every error; a throw needs one.
      if (role === 'throw' && errorId === null) report.add(node, 'errorRef', '错误结束事件没有选择错误', 'the error end event does not reference an error');
      return { kind: 'error', errorId };
    }
    case 'escalation': {
      const escalationId = definition ? refId(definition, 'escalationRef') : null;
      if (role === 'throw' && escalationId === null) report.add(node, 'escalationRef', '升级事件没有选择升级', 'the escalation event does not reference an escalation');
      return { kind: 'escalation', escalationId };
    }
    case 'link': {
      const linkName = definition ? attr(definition, 'name') : null;
      if (linkName === null) report.add(node, 'name', '链接事件缺少链接名称', 'the link event has no link name');
      return { kind: 'link', linkName: linkName ?? '' };
    }
    default:
      return null;
  }
}

function refId(definition: ModdleNode, key: string): string | null {
  const target = child(definition, key);
  return target ? idOf(target) : null;
}

function readTimer(node: ModdleNode, definition: ModdleNode, report: ProblemCollector): TimerDef | null {
  const date = expressionBody(definition, 'timeDate');
  const duration = expressionBody(definition, 'timeDuration');
  const cycle = expressionBody(definition, 'timeCycle');
  const filled = [date, duration, cycle].filter((v) => v !== null && v.trim() !== '').length;
  if (filled !== 1) {
    report.add(
      node,
      'timerEventDefinition',
      filled === 0 ? '定时事件没有设置时间（日期、时长或周期）' : '定时事件只能设置日期、时长、周期中的一项',
      filled === 0 ? 'the timer has no date, duration or cycle' : 'the timer must set exactly one of date, duration or cycle',
    );
    return null;
  }
  if (date !== null && date.trim() !== '') return { type: 'date', value: valueOrReport(report, node, 'timeDate', date.trim()) };
  if (duration !== null && duration.trim() !== '') return { type: 'duration', value: valueOrReport(report, node, 'timeDuration', duration.trim()) };
  return { type: 'cycle', value: valueOrReport(report, node, 'timeCycle', (cycle ?? '').trim()) };
}
