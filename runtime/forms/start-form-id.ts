import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/**
 * The form linked to a process's none start event (`zeebe:formDefinition formId`), or null.
 * The executable model does not carry start forms (yet), so this reads the deployed XML.
 */
export async function findStartFormId(xml: string, processId: string): Promise<string | null> {
  const moddle = new BpmnModdle({ zeebe });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const process = list(field(rootElement, 'rootElements')).find((el) => field(el, '$type') === 'bpmn:Process' && field(el, 'id') === processId);
  const start = list(field(process, 'flowElements')).find(
    (el) => field(el, '$type') === 'bpmn:StartEvent' && list(field(el, 'eventDefinitions')).length === 0,
  );
  const form = list(field(field(start, 'extensionElements'), 'values')).find((el) => field(el, '$type') === 'zeebe:FormDefinition');
  const formId = field(form, 'formId');
  return typeof formId === 'string' && formId.trim() !== '' ? formId.trim() : null;
}

function field(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[name] : undefined; // moddle elements are plain property bags
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
