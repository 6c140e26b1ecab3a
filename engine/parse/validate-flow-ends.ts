import type { ValidationContext } from './validation-context.js';

/**
 * Sequence flows must respect what each element is for: nothing flows into a start or boundary
 * event or into an event sub-process, and nothing flows out of an end event or an event sub-process.
 */
export function validateFlowEnds({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    for (const element of process.elements.values()) {
      const eventSubProcess = element.kind === 'subProcess' && element.triggeredByEvent;
      if (element.incoming.length > 0 && (element.kind === 'startEvent' || element.kind === 'boundaryEvent' || eventSubProcess)) {
        report.add(element, 'incoming', `不能有顺序流进入此元素（${element.incoming.join('、')}）`, `no sequence flow may enter this element (${element.incoming.join(', ')})`);
      }
      if (element.outgoing.length > 0 && (element.kind === 'endEvent' || eventSubProcess)) {
        report.add(element, 'outgoing', `此元素不能有出口顺序流（${element.outgoing.join('、')}）`, `no sequence flow may leave this element (${element.outgoing.join(', ')})`);
      }
    }
  }
}
