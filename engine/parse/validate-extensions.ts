import { extension } from './moddle-node.js';
import type { ValidationContext } from './validation-context.js';

/** Camunda 8 extensions the engine does not run; refused rather than silently ignored. */
const refused: readonly { type: string; field: string; zh: string; en: string }[] = [
  { type: 'zeebe:ExecutionListeners', field: 'zeebe:executionListeners', zh: '暂不支持执行监听器（zeebe:executionListeners）', en: 'execution listeners (zeebe:executionListeners) are not supported yet' },
  { type: 'zeebe:TaskListeners', field: 'zeebe:taskListeners', zh: '暂不支持任务监听器（zeebe:taskListeners）', en: 'task listeners (zeebe:taskListeners) are not supported yet' },
];

export function validateExtensions({ visited, report }: ValidationContext): void {
  for (const element of visited) {
    if (element.node.$type !== element.bpmnType) continue; // loop-marker rows repeat the activity node
    for (const rule of refused) {
      if (extension(element.node, rule.type)) report.add(element.node, rule.field, rule.zh, rule.en);
    }
  }
}
