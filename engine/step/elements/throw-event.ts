import type { EndEventDef, IntermediateThrowEventDef } from '../../model/executable-model.js';
import type { ElementInstanceState } from '../../state/instance-state.js';
import type { Run } from '../run.js';
import { IncidentSignal } from '../incident-signal.js';
import { thrownCode, throwToCatcher } from '../throw-catch.js';
import { openJob } from './job-task.js';

/**
 * What throw and end events do before they complete: signal broadcast, escalation, error,
 * link jump, or a message job. Returns whether the element should complete now.
 */
export function throwEvent(run: Run, def: IntermediateThrowEventDef | EndEventDef, instance: ElementInstanceState): boolean {
  const event = def.event;
  switch (event.kind) {
    case 'message':
      if (!def.job) return true;
      openJob(run, def.job, def.id, instance);
      return false;
    case 'signal': {
      const signal = event.signalId ? run.model.signals.get(event.signalId) : undefined;
      const name = signal ? run.value(signal.name, instance, def.id) : null;
      if (typeof name !== 'string' || name === '') throw new IncidentSignal('EXTRACT_VALUE_ERROR', `信号事件 ${def.id} 没有信号名称 / signal event ${def.id} has no signal name`);
      run.effects.push({ type: 'signal.broadcast', signalName: name, variables: {} });
      return true;
    }
    case 'escalation': {
      const code = thrownCode(run, event);
      if (!throwToCatcher(run, 'escalation', code, instance)) {
        // Uncaught here: the parent process may catch it on its call activity; either way we go on.
        const parent = run.state.parent;
        if (parent) run.effects.push({ type: 'parent.notify', parent, outcome: { kind: 'escalation', escalationCode: code } });
        else run.events.push({ type: 'warning', elementId: def.id, message: `升级事件 ${code} 未被捕获，流程继续 / escalation ${code} was not caught; the process goes on` });
      }
      // An interrupting catcher may have ended the thrower already.
      return run.state.elements[instance.id]?.status === 'active';
    }
    case 'error': {
      const code = thrownCode(run, event);
      if (throwToCatcher(run, 'error', code, instance)) return false;
      uncaughtError(run, instance, code);
      return false;
    }
    case 'link': {
      const target = [...run.process.elements.values()].find(
        (e) => e.kind === 'intermediateCatchEvent' && e.scopeId === def.scopeId && e.event.kind === 'link' && e.event.linkName === event.linkName,
      );
      if (!target) throw new IncidentSignal('EXTRACT_VALUE_ERROR', `找不到链接“${event.linkName}”的捕获事件 / no link catch event named "${event.linkName}"`);
      run.schedule({ op: 'activate', elementId: target.id, parentId: instance.parentId, trigger: { variables: {} } });
      return true;
    }
    default:
      return true;
  }
}

/** An error nothing caught: an incident here, and the parent process hears of it (it may catch it on its call activity). */
export function uncaughtError(run: Run, instance: ElementInstanceState, code: string, message?: string): void {
  const parent = run.state.parent;
  if (parent) run.effects.push({ type: 'parent.notify', parent, outcome: { kind: 'error', errorCode: code, ...(message ? { errorMessage: message } : {}) } });
  throw new IncidentSignal('UNHANDLED_ERROR', `未捕获的错误 ${code}${message ? `：${message}` : ''} / unhandled BPMN error ${code}`);
}
