import type { ValidationContext } from './validation-context.js';

/** Start events of event sub-processes may be triggered by these. */
const eventSubProcessStartKinds = new Set(['timer', 'message', 'signal', 'error', 'escalation']);

/**
 * Where each kind of event may stand: error and escalation starts only in event sub-processes,
 * an error start or error boundary always interrupts, and thrown errors and escalations carry
 * the code that catching events match on.
 */
export function validateEventTriggers({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    for (const element of process.elements.values()) {
      if (element.kind === 'startEvent') {
        const scope = process.elements.get(element.scopeId);
        const inEventSubProcess = scope?.kind === 'subProcess' && scope.triggeredByEvent;
        const kind = element.event.kind;
        if (!inEventSubProcess && (kind === 'error' || kind === 'escalation')) {
          report.add(element, 'eventDefinitions', '错误/升级开始事件只能用在事件子流程中', 'error and escalation start events are only allowed in event sub-processes');
        }
        if (inEventSubProcess && !eventSubProcessStartKinds.has(kind)) {
          report.add(element, 'eventDefinitions', '事件子流程的开始事件必须是定时、消息、信号、错误或升级事件', 'the start event of an event sub-process must be a timer, message, signal, error or escalation event');
        }
        if (inEventSubProcess && kind === 'error' && !element.interrupting) {
          report.add(element, 'isInterrupting', '错误开始事件必须是中断型', 'an error start event must be interrupting');
        }
      }
      if (element.kind === 'boundaryEvent' && element.event.kind === 'error' && !element.cancelActivity) {
        report.add(element, 'cancelActivity', '错误边界事件必须是中断型', 'an error boundary event must be interrupting');
      }
      if ((element.kind === 'endEvent' || element.kind === 'intermediateThrowEvent') && element.event.kind === 'error' && element.event.errorId !== null) {
        if (!model.errors.get(element.event.errorId)?.errorCode) {
          report.add(element, 'errorRef', `错误 "${element.event.errorId}" 没有错误代码（errorCode）`, `the error "${element.event.errorId}" has no error code (errorCode)`);
        }
      }
      if ((element.kind === 'endEvent' || element.kind === 'intermediateThrowEvent') && element.event.kind === 'escalation' && element.event.escalationId !== null) {
        if (!model.escalations.get(element.event.escalationId)?.escalationCode) {
          report.add(element, 'escalationRef', `升级 "${element.event.escalationId}" 没有升级代码（escalationCode）`, `the escalation "${element.event.escalationId}" has no escalation code (escalationCode)`);
        }
      }
    }
  }
}
