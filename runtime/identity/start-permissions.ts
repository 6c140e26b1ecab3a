import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/** The `zeebe:properties` entry naming who may start a process. */
export const startableByProperty = 'startableBy';

/**
 * Reads `startableBy` for a process from its deployed XML: a `zeebe:property` on the process or
 * on its none start event (Camunda Modeler offers extension properties on both; the start event
 * wins). Returns the role keys, or null when the property is absent.
 */
export async function readStartableBy(xml: string, processId: string): Promise<string[] | null> {
  const moddle = new BpmnModdle({ zeebe });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const process = list(field(rootElement, 'rootElements')).find((el) => field(el, '$type') === 'bpmn:Process' && field(el, 'id') === processId);
  const start = list(field(process, 'flowElements')).find((el) => field(el, '$type') === 'bpmn:StartEvent' && list(field(el, 'eventDefinitions')).length === 0);
  const value = propertyOf(start) ?? propertyOf(process);
  if (value === undefined) return null;
  return value
    .split(/[,，\s]+/)
    .map((role) => role.trim())
    .filter((role) => role !== '');
}

function propertyOf(element: unknown): string | undefined {
  for (const extension of list(field(field(element, 'extensionElements'), 'values'))) {
    if (field(extension, '$type') !== 'zeebe:Properties') continue;
    for (const property of list(field(extension, 'properties'))) {
      const value = field(property, 'value');
      if (field(property, 'name') === startableByProperty && typeof value === 'string') return value;
    }
  }
  return undefined;
}

function field(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[name] : undefined; // moddle elements are plain property bags
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
