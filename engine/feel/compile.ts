import { evaluate, parseExpression } from 'feelin';
import {
  FeelEvaluationError,
  FeelSyntaxError,
  type CompiledExpression,
  type FeelEnv,
  type ValueExpression,
  type VariableLookup,
} from './expression.js';
import { engineFunctionNames, engineFunctions } from './functions.js';
import { toJsonValue } from './to-json.js';

/** Names the parser must know as functions (names with spaces cannot be guessed). */
const parseContext: Record<string, unknown> = Object.fromEntries(engineFunctionNames.map((name) => [name, () => null]));

/**
 * Compiles a FEEL expression once: checks the syntax (throws `FeelSyntaxError` with the
 * position) and finds the variables it reads, so evaluation passes only those.
 */
export function compileFeel(source: string): CompiledExpression {
  const tree = parseExpression(source, parseContext, undefined);
  const variables = new Set<string>();
  let syntaxError: FeelSyntaxError | null = null;
  tree.iterate({
    enter(node) {
      if (syntaxError) return false;
      if (node.type.isError) {
        syntaxError = new FeelSyntaxError(describeSyntaxError(source, node.from), source, node.from, node.to);
        return false;
      }
      if (node.name === 'VariableName') {
        const parent = node.node.parent;
        // `a.b.c` reads variable `a`; a called function's name is not a variable.
        if (parent?.name === 'PathExpression' && parent.firstChild?.from !== node.from) return false;
        if (parent?.name === 'FunctionInvocation') return false;
        variables.add(source.slice(node.from, node.to).trim());
        return false;
      }
      return undefined;
    },
  });
  if (syntaxError) throw syntaxError;
  if (source.trim() === '') throw new FeelSyntaxError('表达式为空 / the expression is empty', source, 0, 0);
  return new FeelinExpression(source, [...variables]);
}

/** Parses a `zeebe:` attribute: `=expr` is FEEL, anything else a literal. */
export function compileValue(text: string): ValueExpression {
  const trimmed = text.trim();
  if (trimmed.startsWith('=')) return { kind: 'feel', expression: compileFeel(trimmed.slice(1)) };
  return { kind: 'static', value: text };
}

function describeSyntaxError(source: string, at: number): string {
  const near = source.slice(Math.max(0, at - 10), at + 10);
  return `FEEL 语法错误，位置 ${at + 1}（"${near}"附近）/ FEEL syntax error at position ${at + 1} near "${near}"`;
}

class FeelinExpression implements CompiledExpression {
  constructor(
    readonly source: string,
    readonly variables: readonly string[],
  ) {}

  evaluate(lookup: VariableLookup, env: FeelEnv): unknown {
    const context: Record<string, unknown> = engineFunctions(env);
    for (const name of this.variables) {
      const value = lookup(name);
      if (value !== undefined) context[name] = value;
    }
    let result: { value: unknown };
    try {
      result = evaluate(this.source, context);
    } catch (error) {
      throw new FeelEvaluationError(error instanceof Error ? error.message : String(error), this.source);
    }
    return toJsonValue(result.value);
  }
}
