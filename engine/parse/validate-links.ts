import type { ValidationContext } from './validation-context.js';

/**
 * Link events jump within one (sub-)process: every throw needs exactly one catch with the same
 * link name in the same scope; a catch is entered only by its throws, and a throw ends its path.
 */
export function validateLinks({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    const catches = new Map<string, string[]>();
    for (const element of process.elements.values()) {
      if (element.kind !== 'intermediateCatchEvent' || element.event.kind !== 'link') continue;
      const key = `${element.scopeId}|${element.event.linkName}`;
      catches.set(key, [...(catches.get(key) ?? []), element.id]);
      if (element.incoming.length > 0) {
        report.add(element, 'incoming', '链接捕获事件不能有进入的顺序流', 'a link catch event cannot have incoming sequence flows');
      }
    }
    for (const [key, ids] of catches) {
      if (ids.length < 2) continue;
      const name = key.slice(key.indexOf('|') + 1);
      for (const id of ids) {
        report.add({ id, bpmnType: 'bpmn:IntermediateCatchEvent' }, 'name', `同一流程中有多个名为 "${name}" 的链接捕获事件`, `several link catch events in the same process are named "${name}"`);
      }
    }
    for (const element of process.elements.values()) {
      if (element.kind !== 'intermediateThrowEvent' || element.event.kind !== 'link') continue;
      if (!catches.has(`${element.scopeId}|${element.event.linkName}`)) {
        report.add(element, 'name', `找不到名为 "${element.event.linkName}" 的链接捕获事件`, `there is no link catch event named "${element.event.linkName}" in the same process`);
      }
      if (element.outgoing.length > 0) {
        report.add(element, 'outgoing', '链接抛出事件不能有出口顺序流', 'a link throw event cannot have outgoing sequence flows');
      }
    }
  }
}
