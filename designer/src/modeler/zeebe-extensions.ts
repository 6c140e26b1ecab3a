import type { BusinessObject, DiagramElement, Injector, Modeling, Moddle } from './bpmn-services.js';

/** The extension element of `type` on a business object, if present. */
export function extensionOf(bo: BusinessObject, type: string): BusinessObject | undefined {
  const extensions = bo.extensionElements as BusinessObject | undefined;
  const values = (extensions?.values ?? []) as BusinessObject[];
  return values.find((value) => value.$type === type);
}

/**
 * Sets attributes of a `zeebe:` extension element through the command stack (so undo, the
 * advanced panel and lint all see it), creating `extensionElements` and the element on the way.
 */
export function setExtension(injector: Injector, element: DiagramElement, type: string, attrs: Record<string, unknown>): void {
  const modeling = injector.get<Modeling>('modeling');
  const moddle = injector.get<Moddle>('moddle');
  const bo = element.businessObject;
  let extensions = bo.extensionElements as BusinessObject | undefined;
  if (extensions === undefined) {
    extensions = moddle.create('bpmn:ExtensionElements', { values: [] });
    modeling.updateProperties(element, { extensionElements: extensions });
  }
  let extension = extensionOf(bo, type);
  if (extension === undefined) {
    extension = moddle.create(type, attrs);
    modeling.updateModdleProperties(element, extensions, { values: [...((extensions.values ?? []) as BusinessObject[]), extension] });
    return;
  }
  modeling.updateModdleProperties(element, extension, attrs);
}

/** Removes a `zeebe:` extension element when it has become empty. */
export function removeExtension(injector: Injector, element: DiagramElement, type: string): void {
  const extensions = element.businessObject.extensionElements as BusinessObject | undefined;
  if (extensions === undefined) return;
  const values = (extensions.values ?? []) as BusinessObject[];
  if (!values.some((value) => value.$type === type)) return;
  injector.get<Modeling>('modeling').updateModdleProperties(element, extensions, { values: values.filter((value) => value.$type !== type) });
}
