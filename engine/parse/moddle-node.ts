/** A node of the moddle tree, read through narrowing helpers instead of `any`. */
export interface ModdleNode {
  readonly $type: string;
  readonly [key: string]: unknown;
}

export function isModdleNode(value: unknown): value is ModdleNode {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** A string attribute, or null when absent or empty. */
export function attr(node: ModdleNode, key: string): string | null {
  const value = node[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function boolAttr(node: ModdleNode, key: string): boolean | null {
  const value = node[key];
  return typeof value === 'boolean' ? value : null;
}

/** A many-valued child or reference list, keeping only moddle nodes. */
export function nodes(node: ModdleNode, key: string): ModdleNode[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isModdleNode) : [];
}

/** A single-valued child or resolved reference. */
export function child(node: ModdleNode, key: string): ModdleNode | null {
  const value = node[key];
  return isModdleNode(value) ? value : null;
}

export function idOf(node: ModdleNode): string | null {
  return attr(node, 'id');
}

/** The first extension element of the given type, e.g. `zeebe:TaskDefinition`. */
export function extension(node: ModdleNode, type: string): ModdleNode | null {
  const ext = child(node, 'extensionElements');
  if (!ext) return null;
  return nodes(ext, 'values').find((value) => value.$type === type) ?? null;
}

/** The text body of a `bpmn:FormalExpression` child (conditions, timers, completion condition). */
export function expressionBody(node: ModdleNode, key: string): string | null {
  const expression = child(node, key);
  if (!expression) return null;
  const body = expression['body'];
  return typeof body === 'string' ? body : null;
}

/** The node itself or its closest ancestor that has an id (extension elements usually have none). */
export function nearestWithId(node: ModdleNode): ModdleNode {
  let current: ModdleNode | null = node;
  for (let depth = 0; current && depth < 1000; depth++) {
    if (idOf(current) !== null) return current;
    current = child(current, '$parent');
  }
  return node;
}
