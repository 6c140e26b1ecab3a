import type { FlowSpec, NodeKind, NodeSpec } from './bpmn-spec.js';

/** Grid spacing: column centres 150 px apart, row centres 150 px apart. */
export const COL_WIDTH = 150;
export const ROW_HEIGHT = 150;
const X0 = 190;
const Y0 = 150;

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
export interface Point {
  readonly x: number;
  readonly y: number;
}

export function sizeOf(kind: NodeKind): { width: number; height: number } {
  if (kind.endsWith('Gateway')) return { width: 50, height: 50 };
  if (kind.endsWith('Event')) return { width: 36, height: 36 };
  return { width: 100, height: 80 };
}

const isGateway = (node: NodeSpec) => node.kind.endsWith('Gateway');

/** The shape bounds of every node; boundary events sit on their host's bottom edge. */
export function shapeBounds(nodes: readonly NodeSpec[]): Map<string, Bounds> {
  const result = new Map<string, Bounds>();
  for (const node of nodes) {
    if (node.kind === 'boundaryEvent') continue;
    const { width, height } = sizeOf(node.kind);
    const cx = X0 + node.col * COL_WIDTH;
    const cy = Y0 + node.row * ROW_HEIGHT;
    result.set(node.id, { x: cx - width / 2, y: cy - height / 2, width, height });
  }
  for (const node of nodes) {
    if (node.kind !== 'boundaryEvent') continue;
    const host = result.get(node.attachedTo ?? '');
    if (!host) throw new Error(`boundary ${node.id} has no host shape`);
    const cx = host.x + 20 + (node.slot ?? 0) * 60;
    result.set(node.id, { x: cx - 18, y: host.y + host.height - 18, width: 36, height: 36 });
  }
  return result;
}

/** Approximate rendered width of a label (bpmn-js: 11–12 px font; CJK glyphs are wider). */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0000-\u00ff]/.test(ch) ? 7 : 12;
  return width;
}

/** External label bounds: below events (boundary events: below-left), above-left of gateways, wrapped at 90 px. */
export function labelBounds(node: NodeSpec, shape: Bounds): Bounds | null {
  if (!node.name || !(node.kind.endsWith('Event') || isGateway(node))) return null;
  const full = textWidth(node.name);
  const width = Math.min(90, Math.max(20, full));
  const lines = Math.ceil(full / 90);
  const height = 14 * lines;
  const cx = shape.x + shape.width / 2;
  // Gateway labels sit above and to the left: flows leave gateways upwards, down and to the right.
  if (isGateway(node)) return { x: Math.round(cx - 6 - width), y: shape.y - 2 - height, width, height };
  // A boundary event's flow leaves straight down from its centre: the label sits left of that line.
  if (node.kind === 'boundaryEvent') return { x: Math.round(cx - 4 - width), y: shape.y + shape.height + 4, width, height };
  return { x: Math.round(cx - width / 2), y: shape.y + shape.height + 7, width, height };
}

const centre = (b: Bounds): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const right = (b: Bounds): Point => ({ x: b.x + b.width, y: b.y + b.height / 2 });
const left = (b: Bounds): Point => ({ x: b.x, y: b.y + b.height / 2 });
const top = (b: Bounds): Point => ({ x: b.x + b.width / 2, y: b.y });
const bottom = (b: Bounds): Point => ({ x: b.x + b.width / 2, y: b.y + b.height });

/** Row band edges of the row a shape sits in (task height 80 around the row centre). */
function rowTop(b: Bounds): number {
  return centre(b).y - 40;
}
function rowBottom(b: Bounds): number {
  return centre(b).y + 40;
}

/** Orthogonal waypoints for a flow, Manhattan style as bpmn-js lays out connections. */
export function waypoints(flowSpec: FlowSpec, source: NodeSpec, sb: Bounds, target: NodeSpec, tb: Bounds): Point[] {
  const s = centre(sb);
  const t = centre(tb);
  if (source.kind === 'boundaryEvent') {
    const start = bottom(sb);
    if (Math.abs(t.x - start.x) < 1) return [start, top(tb)];
    if (t.x > start.x) return [start, { x: start.x, y: t.y }, left(tb)];
    if (tb.y > sb.y + sb.height) {
      const midY = Math.round((start.y + tb.y) / 2);
      return [start, { x: start.x, y: midY }, { x: t.x, y: midY }, top(tb)];
    }
    return [start, { x: start.x, y: t.y }, right(tb)];
  }
  const backward = t.x < s.x - 1;
  if (backward && flowSpec.via === 'direct') {
    // A return path drawn right to left (not a loop): straight, or one bend into the target.
    if (Math.abs(t.y - s.y) < 1) return [left(sb), right(tb)];
    return [left(sb), { x: t.x, y: s.y }, t.y > s.y ? top(tb) : bottom(tb)];
  }
  if (backward) {
    const lane = (flowSpec.lane ?? 0) * 12;
    if ((flowSpec.via ?? 'over') === 'over') {
      const y = rowTop(sb) - 25 - lane;
      const end = t.y < s.y - 1 ? bottom(tb) : top(tb);
      return [top(sb), { x: s.x, y }, { x: t.x, y }, end];
    }
    const y = rowBottom(sb) + 35 + lane;
    const end = t.y > s.y + 1 ? top(tb) : bottom(tb);
    return [bottom(sb), { x: s.x, y }, { x: t.x, y }, end];
  }
  if (flowSpec.via && Math.abs(t.y - s.y) < 1) {
    // A forward detour around the shapes between source and target on the same row.
    const lane = (flowSpec.lane ?? 0) * 12;
    if (flowSpec.via === 'over') {
      const y = rowTop(sb) - 25 - lane;
      return [top(sb), { x: s.x, y }, { x: t.x, y }, top(tb)];
    }
    const y = rowBottom(sb) + 35 + lane;
    return [bottom(sb), { x: s.x, y }, { x: t.x, y }, bottom(tb)];
  }
  if (Math.abs(t.y - s.y) < 1) return [right(sb), left(tb)];
  if (Math.abs(t.x - s.x) < 1) return t.y > s.y ? [bottom(sb), top(tb)] : [top(sb), bottom(tb)];
  if (isGateway(source)) {
    const start = t.y > s.y ? bottom(sb) : top(sb);
    return [start, { x: s.x, y: t.y }, left(tb)];
  }
  if (isGateway(target)) {
    const end = t.y > s.y ? top(tb) : bottom(tb);
    return [right(sb), { x: t.x, y: s.y }, end];
  }
  const midX = Math.round((sb.x + sb.width + tb.x) / 2);
  return [right(sb), { x: midX, y: s.y }, { x: midX, y: t.y }, left(tb)];
}

/** A flow label beside the first segment of its path. */
export function flowLabelBounds(name: string, points: readonly Point[]): Bounds {
  const [a, b] = points as [Point, Point];
  // Narrow (60 px) so a label fits the gap between a gateway and the next shape.
  const width = Math.min(60, textWidth(name));
  const height = 14 * Math.ceil(textWidth(name) / 60);
  if (Math.abs(a.x - b.x) < 1) return { x: Math.round(a.x + 5), y: Math.round((a.y + b.y) / 2 - height / 2), width, height };
  const x = Math.round(a.x + (b.x > a.x ? 8 : -8 - width));
  return { x, y: Math.round(a.y - 4 - height), width, height };
}
