import type { DiagramElement } from './bpmn-services.js';
import { extensionOf } from './zeebe-extensions.js';

/**
 * Form ids of the elements before `element` in the flow (walking incoming sequence flows back
 * to the start), nearest first: the fields a branch condition can read.
 */
export function formsBefore(element: DiagramElement): string[] {
  const seen = new Set<string>();
  const formIds: string[] = [];
  const queue: DiagramElement[] = [element];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === undefined || seen.has(current.id)) continue;
    seen.add(current.id);
    const formId = extensionOf(current.businessObject, 'zeebe:FormDefinition')?.formId;
    if (typeof formId === 'string' && formId !== '' && !formIds.includes(formId)) formIds.push(formId);
    for (const flow of current.incoming ?? []) if (flow.source !== undefined) queue.push(flow.source);
    if (current.host !== undefined) queue.push(current.host);
  }
  return formIds;
}
