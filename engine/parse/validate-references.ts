import type { ElementDef, EventDefinitionDef } from '../model/executable-model.js';
import type { ValidationContext } from './validation-context.js';

/**
 * A reference that resolves in the XML may still point at the wrong kind of element (an event
 * naming a signal as its message, …).
 */
export function validateReferences({ model, report }: ValidationContext): void {
  const check = (element: ElementDef, field: string, id: string | null, known: ReadonlyMap<string, unknown>, zhWhat: string, enWhat: string): void => {
    if (id === null || known.has(id)) return;
    report.add(element, field, `引用的 "${id}" 不是${zhWhat}`, `"${id}" is not ${enWhat}`);
  };
  const checkEvent = (element: ElementDef, event: EventDefinitionDef): void => {
    if (event.kind === 'message') check(element, 'messageRef', event.messageId, model.messages, '消息（bpmn:message）', 'a message (bpmn:message)');
    if (event.kind === 'signal') check(element, 'signalRef', event.signalId, model.signals, '信号（bpmn:signal）', 'a signal (bpmn:signal)');
    if (event.kind === 'error') check(element, 'errorRef', event.errorId, model.errors, '错误（bpmn:error）', 'an error (bpmn:error)');
    if (event.kind === 'escalation') check(element, 'escalationRef', event.escalationId, model.escalations, '升级（bpmn:escalation）', 'an escalation (bpmn:escalation)');
  };
  // Camunda 8: a subscription opened inside a running instance needs a key to tell instances apart.
  const checkCorrelation = (element: ElementDef, messageId: string | null): void => {
    const message = messageId === null ? undefined : model.messages.get(messageId);
    if (!message || message.correlationKey !== null) return;
    report.add(
      element,
      'zeebe:subscription.correlationKey',
      `消息 "${messageId ?? ''}" 缺少关联键（zeebe:subscription correlationKey），无法判断消息属于哪个流程实例`,
      `the message "${messageId ?? ''}" has no correlation key (zeebe:subscription correlationKey), so it cannot tell which instance it belongs to`,
    );
  };
  for (const process of model.processes.values()) {
    for (const element of process.elements.values()) {
      if ('event' in element) checkEvent(element, element.event);
      if ((element.kind === 'intermediateCatchEvent' || element.kind === 'boundaryEvent') && element.event.kind === 'message') checkCorrelation(element, element.event.messageId);
      if (element.kind === 'receiveTask') checkCorrelation(element, element.messageId);
      if (element.kind === 'startEvent' && element.event.kind === 'message' && process.elements.get(element.scopeId)?.kind === 'subProcess') {
        checkCorrelation(element, element.event.messageId);
      }
      if (element.kind === 'receiveTask') check(element, 'messageRef', element.messageId, model.messages, '消息（bpmn:message）', 'a message (bpmn:message)');
    }
  }
}
