import { compileFeel } from '../feel/compile.js';
import type { IoMapping, IoMappings, JobDef, MultiInstanceDef } from '../model/executable-model.js';
import { feelOrReport, literalExpression, valueOrReport } from './compile-expressions.js';
import { attr, child, expressionBody, extension, nodes, type ModdleNode } from './moddle-node.js';
import type { ProblemCollector } from './problem-collector.js';

/** `zeebe:ioMapping` inputs and outputs; null when the element has none. */
export function readIoMapping(node: ModdleNode, report: ProblemCollector): IoMappings | null {
  const mapping = extension(node, 'zeebe:IoMapping');
  if (!mapping) return null;
  const read = (parameter: ModdleNode, kind: 'input' | 'output'): IoMapping | null => {
    const target = attr(parameter, 'target');
    const source = attr(parameter, 'source');
    const field = `zeebe:ioMapping.${kind}`;
    if (target === null) {
      report.add(node, `${field}.target`, `${kind === 'input' ? '输入' : '输出'}映射缺少目标变量名`, `a${kind === 'input' ? 'n input' : 'n output'} mapping has no target variable`);
      return null;
    }
    // Zeebe: a source without `=` is a static string; an absent source maps null.
    const compiled =
      source === null ? feelNull : source.trim().startsWith('=') ? feelOrReport(report, node, `${field}.source`, source) : literalExpression(source);
    return { source: compiled, target };
  };
  const inputs = nodes(mapping, 'inputParameters').map((p) => read(p, 'input')).filter((m): m is IoMapping => m !== null);
  const outputs = nodes(mapping, 'outputParameters').map((p) => read(p, 'output')).filter((m): m is IoMapping => m !== null);
  return { inputs, outputs };
}

/** Shared compiled `null` for mappings without a source. */
const feelNull = compileFeel('null');

/** `zeebe:taskDefinition` (+ `zeebe:taskHeaders`); null when there is no type. */
export function readJob(node: ModdleNode, report: ProblemCollector): JobDef | null {
  const definition = extension(node, 'zeebe:TaskDefinition');
  const type = definition ? attr(definition, 'type') : null;
  if (!definition || type === null) return null;
  return {
    type: valueOrReport(report, node, 'zeebe:taskDefinition.type', type),
    retries: valueOrReport(report, node, 'zeebe:taskDefinition.retries', attr(definition, 'retries') ?? '3'),
    headers: readTaskHeaders(node),
  };
}

export function readTaskHeaders(node: ModdleNode): Readonly<Record<string, string>> {
  const headers = extension(node, 'zeebe:TaskHeaders');
  const result: Record<string, string> = {};
  if (!headers) return result;
  for (const header of nodes(headers, 'values')) {
    const key = attr(header, 'key');
    if (key !== null) result[key] = attr(header, 'value') ?? '';
  }
  return result;
}

export function readProperties(node: ModdleNode): Readonly<Record<string, string>> {
  const properties = extension(node, 'zeebe:Properties');
  const result: Record<string, string> = {};
  if (!properties) return result;
  for (const property of nodes(properties, 'properties')) {
    const name = attr(property, 'name');
    if (name !== null) result[name] = attr(property, 'value') ?? '';
  }
  return result;
}

/** `bpmn:multiInstanceLoopCharacteristics` with `zeebe:loopCharacteristics`; null when absent. */
export function readMultiInstance(node: ModdleNode, report: ProblemCollector): MultiInstanceDef | null {
  const loop = child(node, 'loopCharacteristics');
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return null;
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const inputCollection = zeebe ? attr(zeebe, 'inputCollection') : null;
  if (inputCollection === null) {
    report.add(node, 'zeebe:loopCharacteristics.inputCollection', '多实例缺少输入集合（inputCollection）', 'the multi-instance has no input collection (inputCollection)');
  }
  const outputElement = zeebe ? attr(zeebe, 'outputElement') : null;
  const completion = expressionBody(loop, 'completionCondition');
  return {
    sequential: loop['isSequential'] === true,
    inputCollection: feelOrReport(report, node, 'zeebe:loopCharacteristics.inputCollection', inputCollection ?? 'null'),
    inputElement: zeebe ? attr(zeebe, 'inputElement') : null,
    outputCollection: zeebe ? attr(zeebe, 'outputCollection') : null,
    outputElement: outputElement === null ? null : feelOrReport(report, node, 'zeebe:loopCharacteristics.outputElement', outputElement),
    completionCondition: completion === null || completion.trim() === '' ? null : feelOrReport(report, node, 'completionCondition', completion),
  };
}
