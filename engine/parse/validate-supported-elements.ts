import { elementSupport } from '../model/supported-elements.js';
import type { ValidationContext } from './validation-context.js';

/** Refuses every element the support table does not mark `'supported'`; nothing is skipped. */
export function validateSupportedElements({ visited, report }: ValidationContext): void {
  for (const element of visited) {
    const support = elementSupport(element.bpmnType, element.eventKind, { triggeredByEvent: element.triggeredByEvent });
    if (support.status === 'supported') continue;
    const entry = support.entry;
    const subject = { id: element.id, bpmnType: element.bpmnType };
    if (!entry) {
      report.add(subject, null, `不支持的元素类型 ${element.bpmnType}`, `the element type ${element.bpmnType} is not supported`);
      continue;
    }
    const reason = entry.reason ?? { zh: '暂不支持', en: 'not supported yet' };
    report.add(subject, null, `暂不支持“${entry.label.zh}”：${reason.zh}`, `"${entry.label.en}" is not supported: ${reason.en}`);
  }
}
