import { feelVariableNames } from '../../../runtime/library/form-fields.js';
import { knownFormFields } from '../form-field-registry.js';
import { extensionOf, isNode, nodesOf, text, type LintNode, type LintRuleFactory } from '../lint-node.js';

/** Every element of a process, sub-processes included. */
function allElements(container: LintNode): LintNode[] {
  return nodesOf(container, 'flowElements').flatMap((element) => [element, ...allElements(element)]);
}

function processOf(node: LintNode): LintNode | undefined {
  let current: LintNode | undefined = node.$parent;
  while (current !== undefined && current.$type !== 'bpmn:Process') current = isNode(current.$parent) ? current.$parent : undefined;
  return current;
}

/**
 * The variables a process can have besides its forms' fields: results of scripts, rules and
 * called processes, output mappings, multi-instance items. Job workers' results are unknown, so
 * a process with service-like tasks is trusted for names the lint cannot see.
 */
function otherVariables(elements: readonly LintNode[]): { names: Set<string>; open: boolean } {
  const names = new Set<string>();
  let open = false;
  for (const element of elements) {
    if (['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:CallActivity'].includes(element.$type)) open = true;
    if (nodesOf(element, 'eventDefinitions').some((definition) => definition.$type === 'bpmn:MessageEventDefinition')) open = true;
    for (const type of ['zeebe:Script', 'zeebe:CalledDecision']) {
      const result = extensionOf(element, type)?.resultVariable;
      if (text(result) !== '') names.add(text(result));
    }
    const io = extensionOf(element, 'zeebe:IoMapping');
    if (io !== undefined) for (const output of nodesOf(io, 'outputParameters')) if (text(output.target) !== '') names.add(text(output.target).split('.')[0] ?? '');
    const loop = element.loopCharacteristics;
    const multi = isNode(loop) ? extensionOf(loop, 'zeebe:LoopCharacteristics') : undefined;
    if (multi !== undefined) for (const name of ['inputElement', 'outputCollection']) if (text(multi[name]) !== '') names.add(text(multi[name]));
  }
  return { names, open };
}

/**
 * A branch condition that reads a variable no linked form has as a field (and nothing else in
 * the process sets) refers to a field that was renamed or removed.
 */
export const conditionFormField: LintRuleFactory = () => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:SequenceFlow' || !isNode(node.conditionExpression)) return;
    const process = processOf(node);
    if (process === undefined) return;
    const elements = allElements(process);
    const formIds = [...new Set(elements.map((element) => text(extensionOf(element, 'zeebe:FormDefinition')?.formId)).filter((id) => id !== ''))];
    const forms = formIds.map(knownFormFields);
    // Without every linked form loaded the rule cannot tell; it stays silent rather than guess.
    if (formIds.length === 0 || forms.some((fields) => fields === null)) return;
    const fields = new Set(forms.flatMap((list) => (list ?? []).map((field) => field.key)));
    const others = otherVariables(elements);
    if (others.open) return;
    for (const name of feelVariableNames(text(node.conditionExpression.body))) {
      if (!fields.has(name) && !others.names.has(name)) reporter.report(node.id, `条件引用的表单字段“${name}”不存在`);
    }
  },
});
