import { compileFeel, compileValue } from '../feel/compile.js';
import { FeelSyntaxError, type CompiledExpression, type ValueExpression } from '../feel/expression.js';
import type { ModdleNode } from './moddle-node.js';
import type { ProblemCollector } from './problem-collector.js';

/**
 * Stand-in for an expression that failed to compile. The model holding it never leaves
 * `parseBpmn` (the problem makes it throw), so it is never evaluated.
 */
export function brokenExpression(source: string): CompiledExpression {
  return {
    source,
    variables: [],
    evaluate() {
      throw new Error('unreachable: a model with FEEL syntax errors is never deployed');
    },
  };
}

/** The compiler's message split into its Chinese and English halves ("中文 / English"). */
function describe(error: unknown): { zh: string; en: string } {
  const message = error instanceof FeelSyntaxError || error instanceof Error ? error.message : String(error);
  const split = /\s?\/ /.exec(message);
  return split === null ? { zh: message, en: message } : { zh: message.slice(0, split.index), en: message.slice(split.index + split[0].length) };
}

function reportSyntax(report: ProblemCollector, node: ModdleNode, field: string, error: unknown): void {
  const { zh, en } = describe(error);
  report.add(node, field, `${field} 的 FEEL 表达式无法解析：${zh}`, `the FEEL expression in ${field} does not parse: ${en}`);
}

/** Compiles a FEEL expression written with or without the leading `=`; reports syntax errors. */
export function feelOrReport(report: ProblemCollector, node: ModdleNode, field: string, text: string): CompiledExpression {
  const trimmed = text.trim();
  const source = trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
  try {
    return compileFeel(source);
  } catch (error) {
    reportSyntax(report, node, field, error);
    return brokenExpression(source);
  }
}

/** Compiles a static-or-FEEL `zeebe:` attribute (`=expr` is FEEL); reports syntax errors. */
export function valueOrReport(report: ProblemCollector, node: ModdleNode, field: string, text: string): ValueExpression {
  try {
    return compileValue(text);
  } catch (error) {
    reportSyntax(report, node, field, error);
    return { kind: 'feel', expression: brokenExpression(text) };
  }
}

/** A static value written as a FEEL string literal, for mapping sources given without `=`. */
export function literalExpression(text: string): CompiledExpression {
  return compileFeel(JSON.stringify(text));
}
