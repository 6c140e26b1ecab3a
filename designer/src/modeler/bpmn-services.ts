/**
 * The parts of bpmn-js services the designer calls. bpmn-js types its injector loosely
 * (`get<T>(name)`), so these small interfaces say what we rely on.
 */
export interface BusinessObject {
  readonly $type: string;
  readonly id: string;
  readonly name?: string;
  readonly $parent?: BusinessObject;
  readonly [property: string]: unknown;
}

export interface DiagramElement {
  readonly id: string;
  readonly type: string;
  readonly businessObject: BusinessObject;
  readonly incoming?: readonly DiagramElement[];
  readonly outgoing?: readonly DiagramElement[];
  readonly source?: DiagramElement;
  readonly target?: DiagramElement;
  readonly host?: DiagramElement;
  readonly labelTarget?: DiagramElement;
}

export interface Modeling {
  updateProperties(element: DiagramElement, properties: Record<string, unknown>): void;
  updateModdleProperties(element: DiagramElement, moddleElement: unknown, properties: Record<string, unknown>): void;
}

export interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): BusinessObject;
}

export interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
  filter(fn: (element: DiagramElement) => boolean): DiagramElement[];
}

export interface Canvas {
  addMarker(element: string | DiagramElement, marker: string): void;
  removeMarker(element: string | DiagramElement, marker: string): void;
  zoom(level?: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number; scale: number };
  getRootElement(): DiagramElement;
  scrollToElement(element: DiagramElement): void;
}

export interface EventBus {
  on(event: string | string[], callback: (event: Record<string, unknown>) => void): void;
  on(event: string | string[], priority: number, callback: (event: Record<string, unknown>) => void): void;
  off(event: string | string[], callback: (event: Record<string, unknown>) => void): void;
}

export interface Selection {
  select(element: DiagramElement | DiagramElement[] | null): void;
  get(): DiagramElement[];
}

export interface Overlays {
  add(element: string | DiagramElement, type: string, overlay: { position: Record<string, number>; html: HTMLElement | string }): string;
  remove(filter: { type?: string; element?: string | DiagramElement }): void;
}

export interface Injector {
  get<T>(name: string): T;
}
