import { BpmnModdle, type BpmnModdleInstance, type ModdleWarning } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { EngineError, ValidationError, type ValidationProblem } from '../errors.js';
import type { ExecutableModel } from '../model/executable-model.js';
import { buildModel } from './build-model.js';
import { idOf, isModdleNode, nearestWithId, type ModdleNode } from './moddle-node.js';
import { ProblemCollector } from './problem-collector.js';
import { validateConditionalFlows } from './validate-conditional-flows.js';
import { validateExtensions } from './validate-extensions.js';
import { validateFlowEnds } from './validate-flow-ends.js';
import { validateEventGateways } from './validate-event-gateways.js';
import { validateEventTriggers } from './validate-event-triggers.js';
import { validateLinks } from './validate-links.js';
import { validateTimers } from './validate-timers.js';
import { validateGateways } from './validate-gateways.js';
import { validateReferences } from './validate-references.js';
import { validateStartEvents } from './validate-start-events.js';
import { validateSupportedElements } from './validate-supported-elements.js';
import type { ValidationRule } from './validation-context.js';
import { XmlLocator } from './xml-locator.js';
import { preflightXml } from './xml-preflight.js';

const rules: readonly ValidationRule[] = [
  validateSupportedElements,
  validateExtensions,
  validateGateways,
  validateConditionalFlows,
  validateStartEvents,
  validateReferences,
  validateFlowEnds,
  validateTimers,
  validateLinks,
  validateEventGateways,
  validateEventTriggers,
];

/**
 * One moddle for all parses: its type registry and descriptor caches are built once, and
 * `fromXML` keeps no state between documents.
 */
let sharedModdle: BpmnModdleInstance | null = null;
function moddle(): BpmnModdleInstance {
  sharedModdle ??= new BpmnModdle({ zeebe });
  return sharedModdle;
}

/** A parsed document and every problem found in it; the model is only safe to run without problems. */
export interface BpmnAnalysis {
  readonly model: ExecutableModel;
  /** In document order. */
  readonly problems: readonly ValidationProblem[];
}

/**
 * Parses a BPMN 2.0 document (Camunda 8 `zeebe:` dialect) into an immutable executable model.
 * Throws `EngineError('WF_PARSE')` when the text is not a BPMN document at all, and
 * `ValidationError` carrying every problem found when it is one that cannot be deployed.
 */
export async function parseBpmn(xml: string): Promise<ExecutableModel> {
  const { model, problems } = await analyseBpmn(xml);
  if (problems.length > 0) throw new ValidationError(problems);
  return model;
}

/**
 * Like `parseBpmn`, but returns the problems instead of throwing them (for lint-style callers
 * such as the designer). Still throws `EngineError('WF_PARSE')` for text that is not BPMN.
 */
export async function analyseBpmn(xml: string): Promise<BpmnAnalysis> {
  const { xml: text, rootName } = preflightXml(xml);
  let parsed;
  try {
    parsed = await moddle().fromXML(text, 'bpmn:Definitions');
  } catch (error) {
    throw toParseError(error, rootName);
  }
  const definitions = parsed.rootElement;
  if (!isModdleNode(definitions) || definitions.$type !== 'bpmn:Definitions') throw notBpmn(rootName);

  const locator = new XmlLocator(text);
  const report = new ProblemCollector(locator);
  const unresolved = reportWarnings(parsed.warnings, report, locator);
  const { model, visited } = buildModel(definitions, report, unresolved);
  for (const rule of rules) rule({ model, visited, report });
  return { model, problems: report.sorted() };
}

/** Turns the XML parser's warnings into problems; returns the `elementId|property` of unresolved references. */
function reportWarnings(warnings: readonly ModdleWarning[], report: ProblemCollector, locator: XmlLocator): Set<string> {
  const unresolved = new Set<string>();
  for (const warning of warnings) {
    const message = warning.message;
    // The text is already decoded when it reaches us; the declared encoding does not matter.
    if (message.startsWith('unsupported document encoding')) continue;
    const element = isModdleNode(warning.element) ? warning.element : null;
    // Diagram shapes pointing nowhere are drawing leftovers; they change nothing that runs.
    if (element && /^(bpmndi|di|dc):/.test(element.$type)) continue;
    const unresolvedMatch = /^unresolved reference <([\s\S]*)>$/.exec(message);
    if (unresolvedMatch && element) {
      const property = warning.property ?? '';
      unresolved.add(`${idOf(element) ?? ''}|${property}`);
      const missing = unresolvedMatch[1] ?? '';
      const owner = nearestWithId(element);
      report.add(owner, fieldName(owner, element, property.replace(/^bpmn:/, '')), `引用的元素 "${missing}" 不存在（${property}）`, `the referenced element "${missing}" does not exist (${property})`);
      continue;
    }
    if (unresolvedMatch) {
      // No element to blame: point at where the dangling id is written.
      const missing = unresolvedMatch[1] ?? '';
      const offset = Math.max(locator.text.indexOf(`"${missing}"`), locator.text.indexOf(`>${missing}<`));
      report.addAt(offset === -1 ? null : locator.positionOf(offset + 1), `引用的元素 "${missing}" 不存在`, `the referenced element "${missing}" does not exist`);
      continue;
    }
    const unknownAttribute = /^unknown attribute <(.*)>$/.exec(message);
    if (unknownAttribute && element) {
      const name = unknownAttribute[1] ?? '';
      const owner = nearestWithId(element);
      report.add(owner, fieldName(owner, element, name), `无法识别的属性 "${name}"`, `unknown attribute "${name}"`);
      continue;
    }
    const raw = positionIn(message);
    const position = raw ? locator.positionOf(offsetOf(locator, raw)) : null;
    const nested = /nested error: (.*)$/m.exec(message)?.[1] ?? message.split('\n')[0] ?? message;
    const what = /^unparsable content <([^>]*)>/.exec(message)?.[1] ?? '';
    const duplicate = /^duplicate ID <(.*)>$/.exec(nested)?.[1];
    if (duplicate !== undefined) {
      // `bpmn:task` as written → `bpmn:Task` as moddle names types.
      const type = (what.split(/\s/)[0] ?? '').replace(/:([a-z])/, (_m, first: string) => `:${first.toUpperCase()}`);
      report.add({ id: duplicate, bpmnType: type }, 'id', `id "${duplicate}" 重复使用`, `the id "${duplicate}" is used more than once`, position ?? undefined);
      continue;
    }
    report.addAt(
      position,
      `无法识别的 XML 内容 <${what}>：${nested}`,
      `unrecognised XML content <${what}>: ${nested}`,
    );
  }
  return unresolved;
}

/** The attribute's name, prefixed with its element's type when that element has no id of its own. */
function fieldName(owner: ModdleNode, element: ModdleNode, name: string): string {
  return owner === element ? name : `${element.$type}.${name}`;
}

/** saxen reports 0-based line and column. */
function positionIn(message: string): { line: number; column: number } | null {
  const line = /line: (\d+)/.exec(message)?.[1];
  const column = /column: (\d+)/.exec(message)?.[1];
  return line !== undefined && column !== undefined ? { line: Number(line), column: Number(column) } : null;
}

function offsetOf(locator: XmlLocator, position: { line: number; column: number }): number {
  // Walk to the start of the 0-based line; only on the error path.
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = locator.text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + position.column;
}

function toParseError(error: unknown, rootName: string): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('failed to parse document as')) return notBpmn(rootName);
  const position = positionIn(message);
  const nested = /nested error: (.*)$/m.exec(message)?.[1] ?? message.split('\n')[0] ?? message;
  if (position) {
    const line = position.line + 1;
    const column = position.column + 1;
    return new EngineError(
      'WF_PARSE',
      `XML 格式错误（第 ${line} 行第 ${column} 列）：${nested} / malformed XML at line ${line}, column ${column}: ${nested}`,
      { line, column },
    );
  }
  return new EngineError('WF_PARSE', `XML 格式错误：${nested} / malformed XML: ${nested}`);
}

function notBpmn(rootName: string): EngineError {
  if (/(^|:)definitions$/.test(rootName)) {
    return new EngineError(
      'WF_PARSE',
      `这不是 BPMN 2.0 文件：根元素 <${rootName}> 不在 BPMN 2.0 命名空间 http://www.omg.org/spec/BPMN/20100524/MODEL 中 / this is not a BPMN 2.0 file: the root element <${rootName}> is not in the BPMN 2.0 namespace http://www.omg.org/spec/BPMN/20100524/MODEL`,
      { rootName },
    );
  }
  return new EngineError(
    'WF_PARSE',
    `这不是 BPMN 文件：根元素是 <${rootName}>，应为 BPMN 2.0 的 <bpmn:definitions> / this is not a BPMN file: the root element is <${rootName}>, expected BPMN 2.0 <definitions>`,
    { rootName },
  );
}
