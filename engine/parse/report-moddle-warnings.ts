import type { ModdleWarning } from 'bpmn-moddle';
import { idOf, isModdleNode, nearestWithId, type ModdleNode } from './moddle-node.js';
import type { ProblemCollector } from './problem-collector.js';
import { positionIn } from './xml-parse-error.js';
import type { XmlLocator } from './xml-locator.js';

/** Turns the XML parser's warnings into problems; returns the `elementId|property` of unresolved references. */
export function reportWarnings(warnings: readonly ModdleWarning[], report: ProblemCollector, locator: XmlLocator): Set<string> {
  const unresolved = new Set<string>();
  for (const warning of warnings) {
    const message = warning.message;
    // The text is already decoded when it reaches us; the declared encoding does not matter.
    if (message.startsWith('unsupported document encoding')) continue;
    const element = isModdleNode(warning.element) ? warning.element : null;
    // Diagram shapes pointing nowhere are drawing leftovers; they change nothing that runs.
    if (element && /^(bpmndi|di|dc):/.test(element.$type)) continue;
    const unresolvedMatch = /^unresolved reference <([\s\S]*)>$/.exec(message);
    if (unresolvedMatch && element) {
      const property = warning.property ?? '';
      unresolved.add(`${idOf(element) ?? ''}|${property}`);
      const missing = unresolvedMatch[1] ?? '';
      const owner = nearestWithId(element);
      report.add(owner, fieldName(owner, element, property.replace(/^bpmn:/, '')), `引用的元素 "${missing}" 不存在（${property}）`, `the referenced element "${missing}" does not exist (${property})`);
      continue;
    }
    if (unresolvedMatch) {
      // No element to blame: point at where the dangling id is written.
      const missing = unresolvedMatch[1] ?? '';
      const offset = Math.max(locator.text.indexOf(`"${missing}"`), locator.text.indexOf(`>${missing}<`));
      report.addAt(offset === -1 ? null : locator.positionOf(offset + 1), `引用的元素 "${missing}" 不存在`, `the referenced element "${missing}" does not exist`);
      continue;
    }
    const unknownAttribute = /^unknown attribute <(.*)>$/.exec(message);
    if (unknownAttribute && element) {
      const name = unknownAttribute[1] ?? '';
      const owner = nearestWithId(element);
      report.add(owner, fieldName(owner, element, name), `无法识别的属性 "${name}"`, `unknown attribute "${name}"`);
      continue;
    }
    const raw = positionIn(message);
    const position = raw ? locator.positionOf(offsetOf(locator, raw)) : null;
    const nested = /nested error: (.*)$/m.exec(message)?.[1] ?? message.split('\n')[0] ?? message;
    const what = /^unparsable content <([^>]*)>/.exec(message)?.[1] ?? '';
    const duplicate = /^duplicate ID <(.*)>$/.exec(nested)?.[1];
    if (duplicate !== undefined) {
      // `bpmn:task` as written → `bpmn:Task` as moddle names types.
      const type = (what.split(/\s/)[0] ?? '').replace(/:([a-z])/, (_m, first: string) => `:${first.toUpperCase()}`);
      report.add({ id: duplicate, bpmnType: type }, 'id', `id "${duplicate}" 重复使用`, `the id "${duplicate}" is used more than once`, position ?? undefined);
      continue;
    }
    report.addAt(
      position,
      `无法识别的 XML 内容 <${what}>：${nested}`,
      `unrecognised XML content <${what}>: ${nested}`,
    );
  }
  return unresolved;
}

/** The attribute's name, prefixed with its element's type when that element has no id of its own. */
function fieldName(owner: ModdleNode, element: ModdleNode, name: string): string {
  return owner === element ? name : `${element.$type}.${name}`;
}

function offsetOf(locator: XmlLocator, position: { line: number; column: number }): number {
  // Walk to the start of the 0-based line; only on the error path.
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = locator.text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + position.column;
}

