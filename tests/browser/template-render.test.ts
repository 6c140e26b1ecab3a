import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../designer/build-if-stale.js';
import { browserMissing, launchBrowser } from './browser-harness.js';

/**
 * Every BPMN file under definitions/ opened in bpmn-js's viewer in Chromium, as the designer
 * would show it: the import gives no warnings, every flow node has a shape, no two flow-node
 * shapes overlap (a boundary event on its host and an element inside its expanded sub-process
 * are meant to), and no label covers another flow node. A screenshot of each lands in a temp
 * folder for a person to look at.
 */

const definitionsDir = path.join(repoRoot, 'definitions');
const bpmnFiles = (readdirSync(definitionsDir, { recursive: true }) as string[]).filter((name) => name.endsWith('.bpmn')).sort();
const renderShotsDir = path.join(tmpdir(), 'linli-template-render');

/** What the page reports about one imported diagram. */
interface RenderReport {
  readonly warnings: string[];
  readonly withoutShape: string[];
  readonly overlaps: string[];
  readonly labelOverlaps: string[];
  /** Labels a sequence flow runs through (nice to have: reported, checked separately). */
  readonly labelsCrossed: string[];
  readonly shapes: number;
  /** The diagram's extent, for a screenshot at 100 %. */
  readonly extent: { x: number; y: number; width: number; height: number };
}

const page = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}#canvas{width:1800px;height:1000px}</style></head><body><div id="canvas"></div></body></html>`;

/** Runs in the browser: imports the XML and measures the shapes (bpmn-js's registry and moddle tree). */
async function inspect(browserPage: Page, xml: string): Promise<RenderReport> {
  return browserPage.evaluate(async (text: string) => {
    type Bounds = { x: number; y: number; width: number; height: number };
    type Shape = Bounds & { id: string; type: string; parent?: Shape; host?: Shape; labelTarget?: Shape; waypoints?: unknown; businessObject: { $type: string; $instanceOf(type: string): boolean; flowElements?: unknown[] } };
    type Viewer = { importXML(xml: string): Promise<{ warnings: { message: string }[] }>; get(name: string): unknown; getDefinitions(): { rootElements: unknown[] } };
    const win = globalThis as unknown as { BpmnJS: new (options: { container: string }) => Viewer; viewer?: Viewer };
    (win.viewer as { destroy?: () => void } | undefined)?.destroy?.();
    const viewer = new win.BpmnJS({ container: '#canvas' });
    win.viewer = viewer;
    const { warnings } = await viewer.importXML(text);
    const registry = viewer.get('elementRegistry') as { get(id: string): Shape | undefined; getAll(): Shape[] };

    // every flow node of the model, nested ones included
    const flowNodeIds: string[] = [];
    const walk = (elements: unknown[] | undefined): void => {
      for (const element of (elements ?? []) as { id: string; $instanceOf(type: string): boolean; flowElements?: unknown[] }[]) {
        if (element.$instanceOf('bpmn:FlowNode')) flowNodeIds.push(element.id);
        walk(element.flowElements);
      }
    };
    walk(viewer.getDefinitions().rootElements);
    const withoutShape = flowNodeIds.filter((id) => registry.get(id) === undefined || registry.get(id)?.waypoints !== undefined);

    const rootOf = (shape: Shape): Shape => (shape.parent === undefined ? shape : rootOf(shape.parent));
    const isAncestor = (maybe: Shape, shape: Shape): boolean => shape.parent !== undefined && (shape.parent === maybe || isAncestor(maybe, shape.parent));
    const intersect = (a: Bounds, b: Bounds): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const nodes = registry.getAll().filter((s) => s.waypoints === undefined && s.type !== 'label' && s.businessObject.$instanceOf('bpmn:FlowNode'));
    const overlaps: string[] = [];
    for (const [i, a] of nodes.entries()) {
      for (const b of nodes.slice(i + 1)) {
        if (rootOf(a) !== rootOf(b) || !intersect(a, b)) continue;
        if (a.host === b || b.host === a) continue; // a boundary event sits on its host's border
        if (isAncestor(a, b) || isAncestor(b, a)) continue; // inside its expanded sub-process
        overlaps.push(`${a.id} × ${b.id}`);
      }
    }
    const labelOverlaps: string[] = [];
    for (const label of registry.getAll().filter((s) => s.type === 'label' && s.labelTarget !== undefined)) {
      for (const node of nodes) {
        if (node === label.labelTarget || rootOf(node) !== rootOf(label) || isAncestor(node, label.labelTarget as Shape)) continue;
        if (label.labelTarget?.host === node) continue; // a boundary event's label next to its host's edge
        if (intersect(label, node)) labelOverlaps.push(`label of ${label.labelTarget?.id} × ${node.id}`);
      }
    }
    const labelsCrossed: string[] = [];
    const connections = registry.getAll().filter((s) => s.waypoints !== undefined) as unknown as { id: string; waypoints: { x: number; y: number }[]; label?: Shape }[];
    for (const label of registry.getAll().filter((s) => s.type === 'label' && s.labelTarget !== undefined)) {
      const inset = { x: label.x + 1, y: label.y + 1, width: label.width - 2, height: label.height - 2 };
      for (const connection of connections) {
        if (connection.label === label) continue;
        const hit = connection.waypoints.slice(1).some((b, i) => {
          const a = connection.waypoints[i] as { x: number; y: number };
          return intersect({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x) || 0.1, height: Math.abs(a.y - b.y) || 0.1 }, inset);
        });
        if (hit) labelsCrossed.push(`${connection.id} through label of ${label.labelTarget?.id}`);
      }
    }
    const extent = (viewer.get('canvas') as { viewbox(): { inner: Bounds } }).viewbox().inner;
    return { warnings: warnings.map((w) => w.message), withoutShape, overlaps, labelOverlaps, labelsCrossed, shapes: nodes.length, extent: { x: extent.x, y: extent.y, width: extent.width, height: extent.height } };
  }, xml);
}

/** The whole diagram at 100 % with a margin, so a person can read every label. */
async function screenshotAtFullSize(browserPage: Page, extent: RenderReport['extent'], file: string): Promise<void> {
  const margin = 30;
  const width = Math.ceil(extent.width + 2 * margin);
  const height = Math.ceil(extent.height + 2 * margin);
  await browserPage.setViewportSize({ width, height });
  await browserPage.evaluate(
    ({ box, w, h }) => {
      // runs in the page; the test project is typed without the DOM library
      const el = (globalThis as unknown as { document: { querySelector(selector: string): { style: { width: string; height: string } } } }).document.querySelector('#canvas');
      el.style.width = `${w}px`;
      el.style.height = `${h}px`;
      const canvas = (globalThis as unknown as { viewer: { get(name: string): { resized(): void; viewbox(box: object): void } } }).viewer.get('canvas');
      canvas.resized();
      canvas.viewbox({ x: box.x, y: box.y, width: w, height: h });
    },
    { box: { x: extent.x - margin, y: extent.y - margin }, w: width, h: height },
  );
  await browserPage.screenshot({ path: file });
}

describe.skipIf(browserMissing !== null)('the BPMN files under definitions/ render cleanly in bpmn-js', () => {
  let browser: Browser;
  let browserPage: Page;

  beforeAll(async () => {
    mkdirSync(renderShotsDir, { recursive: true });
    browser = await launchBrowser();
    browserPage = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
    await browserPage.setContent(page);
    const assets = path.join(repoRoot, 'node_modules', 'bpmn-js', 'dist');
    await browserPage.addStyleTag({ path: path.join(assets, 'assets', 'diagram-js.css') });
    await browserPage.addStyleTag({ path: path.join(assets, 'assets', 'bpmn-js.css') });
    await browserPage.addScriptTag({ path: path.join(assets, 'bpmn-viewer.production.min.js') });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('should find the shipped templates', () => {
    expect(bpmnFiles.length).toBeGreaterThanOrEqual(9);
  });

  it('should catch a diagram that does overlap: moved shape, missing shape, label on a task, flow through a label', async () => {
    // given: the complaint template with its diagram spoiled on purpose
    const xml = readFileSync(path.join(definitionsDir, 'templates', 'complaint.bpmn'), 'utf8');
    const moveShape = (text: string, id: string, bounds: string) => text.replace(new RegExp(`(bpmnElement="${id}">\\s*<dc:Bounds )[^/]*`), `$1${bounds} `);
    let spoiled = moveShape(xml, 'Task_Dispatch', 'x="300" y="270" width="100" height="80"');
    spoiled = spoiled.replace(/<bpmndi:BPMNShape id="Task_Reply_di"[\s\S]*?<\/bpmndi:BPMNShape>/, '');
    spoiled = spoiled.replace(/(bpmnElement="End_Returned">\s*<dc:Bounds [^/]*\/>\s*<bpmndi:BPMNLabel>\s*<dc:Bounds )[^/]*/, '$1x="200" y="293" width="160" height="14" ');
    expect(spoiled).not.toBe(xml);

    // when
    const report = await inspect(browserPage, spoiled);

    // then
    expect(report.overlaps).toContain('Task_Accept × Task_Dispatch');
    expect(report.withoutShape).toContain('Task_Reply');
    expect(report.labelOverlaps.some((o) => o.startsWith('label of End_Returned'))).toBe(true);
    expect(report.labelsCrossed.length).toBeGreaterThan(0);
  });

  it.each(bpmnFiles)('%s: no import warnings, a shape per flow node, no overlapping shapes or labels', async (file) => {
    // when
    const report = await inspect(browserPage, readFileSync(path.join(definitionsDir, file), 'utf8'));
    await screenshotAtFullSize(browserPage, report.extent, path.join(renderShotsDir, `${path.basename(file, '.bpmn')}.png`));

    // then
    expect(report.warnings).toEqual([]);
    expect(report.shapes).toBeGreaterThan(2);
    expect(report.withoutShape).toEqual([]);
    expect(report.overlaps).toEqual([]);
    expect(report.labelOverlaps).toEqual([]);
    expect(report.labelsCrossed).toEqual([]);
  });
});
