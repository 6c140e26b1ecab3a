import type { FlowSpec, NodeSpec, ProcessSpec } from './bpmn-spec.js';
import { flowLabelBounds, labelBounds, shapeBounds, waypoints, type Bounds } from './layout.js';
import { xmlEscape as x } from './xml-escape.js';

const HEADER =
  '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" ' +
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_{id}" ' +
  'targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.29.0" ' +
  'modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">';

/** Re-indents a one-line XML fragment; elements holding only text stay on one line. */
function pretty(fragment: string, indent: string): string[] {
  const tokens = fragment.match(/<[^>]+>|[^<]+/g) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const pad = indent + '  '.repeat(depth);
    if (token.startsWith('</')) {
      depth--;
      lines.push(indent + '  '.repeat(depth) + token);
    } else if (token.endsWith('/>')) {
      lines.push(pad + token);
    } else if (token.startsWith('<')) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(pad + token + text + close);
        i += 2;
      } else {
        lines.push(pad + token);
        depth++;
      }
    }
  }
  return lines;
}

function nodeXml(node: NodeSpec, spec: ProcessSpec, defaults: Map<string, string>): string[] {
  const incoming = spec.flows.filter((f) => f.to === node.id);
  const outgoing = spec.flows.filter((f) => f.from === node.id);
  const attrs: string[] = [`id="${x(node.id)}"`];
  if (node.name) attrs.push(`name="${x(node.name)}"`);
  if (node.kind === 'boundaryEvent') {
    if (node.cancelActivity === false) attrs.push('cancelActivity="false"');
    attrs.push(`attachedToRef="${x(node.attachedTo ?? '')}"`);
  }
  const defaultFlow = defaults.get(node.id);
  if (defaultFlow) attrs.push(`default="${x(defaultFlow)}"`);
  for (const [key, value] of Object.entries(node.attrs ?? {})) attrs.push(`${key}="${x(value)}"`);
  const inner: string[] = [];
  if (node.documentation) inner.push(`      <bpmn:documentation>${x(node.documentation)}</bpmn:documentation>`);
  if (node.ext && node.ext.length > 0) inner.push('      <bpmn:extensionElements>', ...node.ext.map((line) => `        ${line}`), '      </bpmn:extensionElements>');
  for (const f of incoming) inner.push(`      <bpmn:incoming>${x(f.id)}</bpmn:incoming>`);
  for (const f of outgoing) inner.push(`      <bpmn:outgoing>${x(f.id)}</bpmn:outgoing>`);
  if (node.loop) inner.push(...pretty(node.loop, '      '));
  if (node.eventDefinition) inner.push(...pretty(node.eventDefinition.replace('{id}', `${eventDefinitionPrefix(node.eventDefinition)}_${node.id}`), '      '));
  const open = `    <bpmn:${node.kind} ${attrs.join(' ')}`;
  if (inner.length === 0) return [`${open} />`];
  return [`${open}>`, ...inner, `    </bpmn:${node.kind}>`];
}

function eventDefinitionPrefix(definition: string): string {
  const match = /<bpmn:(\w+)EventDefinition/.exec(definition);
  const kind = match?.[1] ?? 'Event';
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)}EventDefinition`;
}

function flowXml(f: FlowSpec): string[] {
  const name = f.name ? ` name="${x(f.name)}"` : '';
  const open = `    <bpmn:sequenceFlow id="${x(f.id)}"${name} sourceRef="${x(f.from)}" targetRef="${x(f.to)}"`;
  if (!f.condition) return [`${open} />`];
  return [`${open}>`, `      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${x(f.condition)}</bpmn:conditionExpression>`, '    </bpmn:sequenceFlow>'];
}

const bounds = (b: Bounds, indent: string) => `${indent}<dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" />`;

/** The BPMN XML of one process with its diagram, as Camunda Modeler 5 saves it. */
export function renderBpmn(spec: ProcessSpec): string {
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  for (const f of spec.flows) {
    if (!byId.has(f.from) || !byId.has(f.to)) throw new Error(`${spec.id}: flow ${f.id} refers to a missing node`);
  }
  const defaults = new Map(spec.flows.filter((f) => f.isDefault).map((f) => [f.from, f.id]));
  const shapes = shapeBounds(spec.nodes);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', HEADER.replace('{id}', spec.id.replace(/-/g, '_'))];
  out.push(`  <bpmn:process id="${x(spec.id)}" name="${x(spec.name)}" isExecutable="true">`);
  if (spec.documentation) out.push(`    <bpmn:documentation>${x(spec.documentation)}</bpmn:documentation>`);
  const properties = Object.entries(spec.properties ?? {});
  if (properties.length > 0) {
    out.push('    <bpmn:extensionElements>', '      <zeebe:properties>');
    for (const [name, value] of properties) out.push(`        <zeebe:property name="${x(name)}" value="${x(value)}" />`);
    out.push('      </zeebe:properties>', '    </bpmn:extensionElements>');
  }
  const ordered = [...spec.nodes.filter((n) => n.kind !== 'boundaryEvent'), ...spec.nodes.filter((n) => n.kind === 'boundaryEvent')];
  for (const node of ordered) out.push(...nodeXml(node, spec, defaults));
  for (const f of spec.flows) out.push(...flowXml(f));
  out.push('  </bpmn:process>');
  for (const m of spec.messages ?? []) {
    out.push(`  <bpmn:message id="${x(m.id)}" name="${x(m.name)}">`, '    <bpmn:extensionElements>', `      <zeebe:subscription correlationKey="${x(m.correlationKey)}" />`, '    </bpmn:extensionElements>', '  </bpmn:message>');
  }
  for (const e of spec.errors ?? []) out.push(`  <bpmn:error id="${x(e.id)}" name="${x(e.name)}" errorCode="${x(e.errorCode)}" />`);
  out.push('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">', `    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${x(spec.id)}">`);
  for (const node of ordered) {
    const b = shapes.get(node.id) as Bounds;
    const marker = node.kind.endsWith('Gateway') && node.kind === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '';
    out.push(`      <bpmndi:BPMNShape id="${x(node.id)}_di" bpmnElement="${x(node.id)}"${marker}>`, bounds(b, '        '));
    const label = labelBounds(node, b);
    if (label) out.push('        <bpmndi:BPMNLabel>', bounds(label, '          '), '        </bpmndi:BPMNLabel>');
    out.push('      </bpmndi:BPMNShape>');
  }
  for (const f of spec.flows) {
    const source = byId.get(f.from) as NodeSpec;
    const target = byId.get(f.to) as NodeSpec;
    const points = waypoints(f, source, shapes.get(f.from) as Bounds, target, shapes.get(f.to) as Bounds);
    out.push(`      <bpmndi:BPMNEdge id="${x(f.id)}_di" bpmnElement="${x(f.id)}">`);
    for (const p of points) out.push(`        <di:waypoint x="${p.x}" y="${p.y}" />`);
    if (f.name) out.push('        <bpmndi:BPMNLabel>', bounds(flowLabelBounds(f.name, points), '          '), '        </bpmndi:BPMNLabel>');
    out.push('      </bpmndi:BPMNEdge>');
  }
  out.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>', '</bpmn:definitions>', '');
  return out.join('\n');
}
