/** The part of a moddle element the lint rules read (bpmnlint hands rules moddle objects). */
export interface LintNode {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly $parent?: LintNode;
  readonly [property: string]: unknown;
}

/** What bpmnlint gives a rule to report with. */
export interface LintReporter {
  report(id: string | undefined, message: string, path?: readonly (string | number)[]): void;
}

export interface LintRule {
  check(node: LintNode, reporter: LintReporter): void;
}

export type LintRuleFactory = () => LintRule;

export function isNode(value: unknown): value is LintNode {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** The node's children under `property` (moddle collections are arrays). */
export function nodesOf(node: LintNode, property: string): LintNode[] {
  const value = node[property];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** The `zeebe:` extension element of a type, e.g. `zeebe:AssignmentDefinition`. */
export function extensionOf(node: LintNode, type: string): LintNode | undefined {
  const extensions = node.extensionElements;
  if (!isNode(extensions)) return undefined;
  return nodesOf(extensions, 'values').find((value) => value.$type === type);
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
