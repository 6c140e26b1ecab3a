import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/** One element of a process as a template update would show it. */
export interface DiffElement {
  readonly id: string;
  readonly type: string;
  readonly name: string | null;
}

/** Elements added, removed and changed between two versions of a diagram (by element id). */
export interface ElementDiff {
  readonly added: DiffElement[];
  readonly removed: DiffElement[];
  readonly changed: DiffElement[];
}

const skippedTypes = new Set(['bpmn:Definitions', 'bpmn:Process', 'bpmn:Collaboration']);
const skippedProperties = new Set(['$parent', 'di', 'incoming', 'outgoing', 'flowElements', 'artifacts', 'laneSets']);

let sharedModdle: InstanceType<typeof BpmnModdle> | null = null;
function moddle(): InstanceType<typeof BpmnModdle> {
  sharedModdle ??= new BpmnModdle({ zeebe });
  return sharedModdle;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A stable text of what an element says (attributes, conditions, zeebe extensions), references by id. */
function signature(value: unknown, self: unknown, depth: number): string {
  if (!isRecord(value)) return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item: unknown) => signature(item, self, depth + 1)).join(',')}]`;
  if (value !== self && typeof value.id === 'string' && typeof value.$type === 'string') return `#${value.id}`;
  if (depth > 8) return '…';
  const type = typeof value.$type === 'string' ? value.$type : '';
  // moddle keeps references (sourceRef, targetRef, default) as non-enumerable own properties
  const parts = Object.getOwnPropertyNames(value)
    .filter((name) => !skippedProperties.has(name) && name !== '$type')
    .sort()
    .map((name) => `${name}=${signature(value[name], self, depth + 1)}`);
  return `${type}{${parts.join(';')}}`;
}

async function elementsOf(xml: string): Promise<Map<string, { element: DiffElement; text: string }>> {
  const { elementsById } = await moddle().fromXML(xml, 'bpmn:Definitions');
  const result = new Map<string, { element: DiffElement; text: string }>();
  for (const [id, value] of Object.entries(elementsById)) {
    if (!isRecord(value) || typeof value.$type !== 'string') continue;
    if (!value.$type.startsWith('bpmn:') || skippedTypes.has(value.$type)) continue;
    const name = typeof value.name === 'string' ? value.name : null;
    result.set(id, { element: { id, type: value.$type, name }, text: signature(value, value, 0) });
  }
  return result;
}

/** Compares two BPMN documents element by element; the diagram layout alone is no change. */
export async function elementDiff(before: string, after: string): Promise<ElementDiff> {
  const [left, right] = await Promise.all([elementsOf(before), elementsOf(after)]);
  const added: DiffElement[] = [];
  const removed: DiffElement[] = [];
  const changed: DiffElement[] = [];
  for (const [id, entry] of right) {
    const old = left.get(id);
    if (old === undefined) added.push(entry.element);
    else if (old.text !== entry.text) changed.push(entry.element);
  }
  for (const [id, entry] of left) if (!right.has(id)) removed.push(entry.element);
  return { added, removed, changed };
}
