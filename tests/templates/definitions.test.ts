import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBpmn } from '../../engine/index.js';
import { compileFormSchema } from '../../runtime/forms/form-schema.js';

const dir = new URL('../../definitions/', import.meta.url);
const templates = readdirSync(new URL('templates/', dir)).filter((n) => n.endsWith('.bpmn')).sort();
const forms = readdirSync(new URL('forms/', dir)).filter((n) => n.endsWith('.form.json')).sort();
const read = (sub: string) => readFileSync(new URL(sub, dir), 'utf8');
const roleKeys = ['party', 'rc', 'oc', 'pm', 'bl', 'vol', 'rep', 'resident', 'street'];

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Shapes, their external labels and the flows' labels from the diagram, as bpmn-js would draw them. */
function diagramBoxes(xml: string): { shapes: Box[]; labels: Box[] } {
  const shapes: Box[] = [];
  const labels: Box[] = [];
  const shapeRe = /<bpmndi:BPMNShape id="[^"]*" bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)" \/>(\s*<bpmndi:BPMNLabel>\s*<dc:Bounds x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)" \/>)?/g;
  for (const edge of xml.matchAll(/<bpmndi:BPMNEdge id="[^"]*" bpmnElement="([^"]+)">([\s\S]*?)<\/bpmndi:BPMNEdge>/g)) {
    const m = /<bpmndi:BPMNLabel>\s*<dc:Bounds x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)" \/>/.exec(edge[2] as string);
    if (m) labels.push({ id: `${edge[1]} label`, x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) });
  }
  for (const m of xml.matchAll(shapeRe)) {
    shapes.push({ id: m[1] as string, x: Number(m[2]), y: Number(m[3]), width: Number(m[4]), height: Number(m[5]) });
    if (m[6]) labels.push({ id: `${m[1]} label`, x: Number(m[7]), y: Number(m[8]), width: Number(m[9]), height: Number(m[10]) });
  }
  return { shapes, labels };
}

type Rect = Omit<Box, 'id'>;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Waypoints of every sequence flow with its source and target. */
function diagramEdges(xml: string): { id: string; from: string; to: string; points: { x: number; y: number }[] }[] {
  const refs = new Map([...xml.matchAll(/<bpmn:sequenceFlow id="([^"]+)"[^>]*sourceRef="([^"]+)" targetRef="([^"]+)"/g)].map((m) => [m[1] as string, [m[2] as string, m[3] as string] as const]));
  return [...xml.matchAll(/<bpmndi:BPMNEdge id="[^"]*" bpmnElement="([^"]+)">([\s\S]*?)<\/bpmndi:BPMNEdge>/g)].map((m) => {
    const [from, to] = refs.get(m[1] as string) ?? ['', ''];
    const points = [...(m[2] as string).matchAll(/<di:waypoint x="(-?[\d.]+)" y="(-?[\d.]+)" \/>/g)].map((p) => ({ x: Number(p[1]), y: Number(p[2]) }));
    return { id: m[1] as string, from, to, points };
  });
}

/** Whether an axis-parallel segment runs through the inside of a box. */
function crosses(a: { x: number; y: number }, b: { x: number; y: number }, box: Box): boolean {
  const inset = { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 };
  const seg = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x) || 0.1, height: Math.abs(a.y - b.y) || 0.1 };
  return overlaps(seg, inset);
}

describe('definitions: the template library', () => {
  it.each(templates)('should deploy %s without validation problems', async (name) => {
    // when
    const model = await parseBpmn(read(`templates/${name}`));

    // then
    expect([...model.processes.keys()]).toEqual([name.replace(/\.bpmn$/, '')]);
  });

  it.each(forms)('should read form %s with its id equal to the file name and every input id equal to its key', (name) => {
    // given
    const json = JSON.parse(read(`forms/${name}`)) as { id: string; type: string; components: Record<string, unknown>[] };

    // when
    const compiled = compileFormSchema(json);

    // then
    expect(compiled.id).toBe(name.replace(/\.form\.json$/, ''));
    expect(json.type).toBe('default');
    const walk = (list: Record<string, unknown>[]): void => {
      for (const c of list) {
        if (typeof c['key'] === 'string') expect(c['id']).toBe(c['key']);
        if (Array.isArray(c['components'])) walk(c['components'] as Record<string, unknown>[]);
      }
    };
    walk(json.components);
  });

  it.each(forms)('should show choices in the text of form %s by their Chinese label, never the stable value behind them', (name) => {
    // given: every key that some form offers as a choice (select, radio) holds a stable English value
    const choiceKeys = new Set<string>();
    const collect = (list: Record<string, unknown>[]): void => {
      for (const c of list) {
        if ((c['type'] === 'select' || c['type'] === 'radio') && typeof c['key'] === 'string') choiceKeys.add(c['key']);
        if (Array.isArray(c['components'])) collect(c['components'] as Record<string, unknown>[]);
      }
    };
    for (const f of forms) collect((JSON.parse(read(`forms/${f}`)) as { components: Record<string, unknown>[] }).components);
    const json = JSON.parse(read(`forms/${name}`)) as { components: Record<string, unknown>[] };

    // when: a text shows such a key as it is, `{{channel}}`, the secretary reads "box" or "online"
    const raw: string[] = [];
    const walk = (list: Record<string, unknown>[]): void => {
      for (const c of list) {
        if (c['type'] === 'text' && typeof c['text'] === 'string') {
          for (const m of c['text'].matchAll(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g)) if (choiceKeys.has(m[1] as string)) raw.push(`${String(c['id'])}: {{${m[1]}}}`);
        }
        if (Array.isArray(c['components'])) walk(c['components'] as Record<string, unknown>[]);
      }
    };
    walk(json.components);

    // then
    expect(raw).toEqual([]);
  });

  it.each(templates)('should link %s only to forms that exist and to DOMAIN.md roles', (name) => {
    // given
    const xml = read(`templates/${name}`);
    const formIds = new Set(forms.map((f) => f.replace(/\.form\.json$/, '')));

    // then
    for (const m of xml.matchAll(/formId="([^"]+)"/g)) expect(formIds, `${name} links ${m[1]}`).toContain(m[1]);
    for (const m of xml.matchAll(/candidateGroups="([^"=][^"]*)"/g)) {
      for (const group of (m[1] as string).split(',')) expect(roleKeys).toContain(group.trim());
    }
    for (const m of xml.matchAll(/key="groups" value="([^"]+)"/g)) {
      // a `{{variable}}` entry names the group at run time (e.g. the party the case was dispatched to)
      for (const group of (m[1] as string).split(',').filter((entry) => !entry.trim().startsWith('{{'))) expect(roleKeys).toContain(group.trim());
    }
  });

  it.each(templates)('should lay out %s without overlapping shapes or labels', (name) => {
    // given
    const xml = read(`templates/${name}`);
    const { shapes, labels } = diagramBoxes(xml);
    const attached = new Map([...xml.matchAll(/<bpmn:boundaryEvent id="([^"]+)"[^>]*attachedToRef="([^"]+)"/g)].map((m) => [m[1] as string, m[2] as string]));

    // when
    const clashes: string[] = [];
    const boxes = [...shapes, ...labels];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as Box;
        const b = boxes[j] as Box;
        if (attached.get(a.id) === b.id || attached.get(b.id) === a.id) continue;
        if (overlaps(a, b)) clashes.push(`${a.id} × ${b.id}`);
      }
    }

    // then
    expect(shapes.length).toBeGreaterThan(3);
    expect(clashes).toEqual([]);
    expect(Math.min(...shapes.map((s) => s.x))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...boxes.map((s) => s.y))).toBeGreaterThanOrEqual(0);
  });

  it.each(templates)('should route every flow of %s around the shapes it does not connect', (name) => {
    // given
    const xml = read(`templates/${name}`);
    const { shapes } = diagramBoxes(xml);
    const attached = new Map([...xml.matchAll(/<bpmn:boundaryEvent id="([^"]+)"[^>]*attachedToRef="([^"]+)"/g)].map((m) => [m[1] as string, m[2] as string]));

    // when
    const crossings: string[] = [];
    for (const edge of diagramEdges(xml)) {
      const own = new Set([edge.from, edge.to, attached.get(edge.from), attached.get(edge.to)]);
      for (const shape of shapes) {
        if (own.has(shape.id) || attached.get(shape.id) === edge.from) continue;
        for (let i = 0; i + 1 < edge.points.length; i++) {
          if (crosses(edge.points[i] as { x: number; y: number }, edge.points[i + 1] as { x: number; y: number }, shape)) crossings.push(`${edge.id} through ${shape.id}`);
        }
      }
    }

    // then
    expect(crossings).toEqual([]);
  });
});
