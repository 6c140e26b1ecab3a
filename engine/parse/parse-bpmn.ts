import { BpmnModdle, type BpmnModdleInstance } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { ValidationError, type ValidationProblem } from '../errors.js';
import type { ExecutableModel } from '../model/executable-model.js';
import { buildModel } from './build-model.js';
import { isModdleNode } from './moddle-node.js';
import { reportWarnings } from './report-moddle-warnings.js';
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
import { notBpmn, toParseError } from './xml-parse-error.js';
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
