import type { ExecutableProcess, ScopeDef } from '../model/executable-model.js';
import type { ValidationContext } from './validation-context.js';

type ScopeRole = 'process' | 'subProcess' | 'eventSubProcess';

/**
 * A process needs a start event (at most one none start); an embedded sub-process exactly one
 * none start event; an event sub-process exactly one start event that has a trigger.
 */
export function validateStartEvents({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    check(process, process.scope, { id: process.id, bpmnType: 'bpmn:Process' }, 'process');
    for (const element of process.elements.values()) {
      if (element.kind === 'subProcess') check(process, element.scope, element, element.triggeredByEvent ? 'eventSubProcess' : 'subProcess');
    }
  }

  function check(process: ExecutableProcess, scope: ScopeDef, owner: { id: string; bpmnType: string }, role: ScopeRole): void {
    const starts = scope.startEventIds.length;
    const noneStarts = scope.startEventIds.filter((id) => {
      const element = process.elements.get(id);
      return element?.kind === 'startEvent' && element.event.kind === 'none';
    }).length;
    if (role === 'process') {
      if (starts === 0) report.add(owner, 'startEvent', '流程没有开始事件', 'the process has no start event');
      else if (noneStarts > 1) report.add(owner, 'startEvent', '流程只能有一个空开始事件', 'a process may have only one none start event');
    } else if (role === 'subProcess') {
      if (scope.noneStartId === null || starts !== 1) {
        report.add(owner, 'startEvent', '嵌入式子流程必须恰好有一个空开始事件', 'an embedded sub-process needs exactly one none start event');
      }
    } else if (starts !== 1 || scope.noneStartId !== null) {
      report.add(owner, 'startEvent', '事件子流程必须恰好有一个带触发条件的开始事件', 'an event sub-process needs exactly one start event with a trigger');
    }
  }
}
