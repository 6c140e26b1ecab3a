import { evaluate, parseExpression } from 'feelin';
import {
  FeelEvaluationError,
  FeelSyntaxError,
  type CompiledExpression,
  type FeelEnv,
  type ValueExpression,
  type VariableLookup,
} from './expression.js';
import { compileFastPath, type FastProgram, type FastRuntime } from './fast-path.js';
import { DEOPT } from './feel-semantics.js';
import { engineFunctionNames, engineFunctions, envReadingFunctionNames } from './functions.js';
import { unsafePatternMessage } from './safe-pattern.js';
import { toJsonValue } from './to-json.js';
import type { JsonValue } from '../state/json.js';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** Names the parser must know as functions (names with spaces cannot be guessed). */
const parseContext: Record<string, unknown> = Object.fromEntries(engineFunctionNames.map((name) => [name, () => null]));

export interface CompileOptions {
  /** Use the engine's own evaluator for the subset it covers (default true); false = feelin only. */
  readonly fastPath?: boolean;
  /** Remember feelin's results for repeated plain inputs (default true); false for reference runs. */
  readonly memo?: boolean;
}

/** Which evaluator runs an expression: the compiled subset, or feelin for everything else. */
export type EvaluationPath = 'fast' | 'feelin';

/** A compiled expression that also says which evaluator it uses (for tests and benchmarks). */
export interface CompiledFeel extends CompiledExpression {
  readonly path: EvaluationPath;
}

/**
 * Compiles a FEEL expression once: checks the syntax (throws `FeelSyntaxError` with the
 * position), finds the variables it reads, and compiles it to a fast evaluator when it stays in
 * the supported subset (see fast-path.ts); otherwise feelin evaluates it with only those variables.
 */
export function compileFeel(source: string, options: CompileOptions = {}): CompiledFeel {
  const tree = parseExpression(source, parseContext, undefined);
  const variables = new Set<string>();
  let readsEnv = false;
  let syntaxError: FeelSyntaxError | null = null;
  tree.iterate({
    enter(node) {
      if (syntaxError) return false;
      if (node.type.isError) {
        syntaxError = new FeelSyntaxError(describeSyntaxError(source, node.from), source, node.from, node.to);
        return false;
      }
      if (node.name === 'FunctionInvocation') {
        const unsafe = literalPatternProblem(source, node.node);
        if (unsafe) {
          syntaxError = new FeelSyntaxError(unsafe, source, node.from, node.to);
          return false;
        }
      }
      if (node.name === 'VariableName') {
        // now(), today() and the calendar functions read the env: their results cannot be memoised.
        if (envReadingFunctionNames.includes(source.slice(node.from, node.to).trim().replace(/\s+/g, ' '))) readsEnv = true;
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
  const fallback = new FeelinExpression(source, [...variables], options.memo !== false && !readsEnv);
  if (options.fastPath === false) return fallback;
  let program: FastProgram | null = null;
  try {
    program = compileFastPath(tree.topNode, source);
  } catch (error) {
    // Only a stack overflow on an absurdly deep tree can land here; feelin then decides.
    if (!(error instanceof RangeError)) throw error;
  }
  return program === null ? fallback : new FastExpression(program, fallback);
}

/** Parses a `zeebe:` attribute: `=expr` is FEEL, anything else a literal. */
export function compileValue(text: string): ValueExpression {
  const trimmed = text.trim();
  if (trimmed.startsWith('=')) return { kind: 'feel', expression: compileFeel(trimmed.slice(1)) };
  return { kind: 'static', value: text };
}

/** The regex argument of each FEEL function that takes one (feelin's parameter order). */
const patternArgument: Readonly<Record<string, { readonly position: number; readonly name: string }>> = {
  matches: { position: 1, name: 'pattern' },
  replace: { position: 1, name: 'pattern' },
  split: { position: 1, name: 'delimiter' },
};

/**
 * A `matches`/`replace`/`split` call whose pattern is written as a string literal is checked at
 * deploy (safe-pattern.ts); patterns built from variables are checked when evaluated.
 */
function literalPatternProblem(source: string, call: SyntaxNode): string | null {
  const callee = call.firstChild;
  const argument = callee ? patternArgument[source.slice(callee.from, callee.to).trim()] : undefined;
  const parameters = call.getChild('PositionalParameters') ?? call.getChild('NamedParameters');
  if (argument === undefined || parameters === null) return null;
  let literal: SyntaxNode | null = null;
  if (parameters.name === 'PositionalParameters') {
    literal = argumentNodes(parameters)[argument.position] ?? null;
  } else {
    for (const named of argumentNodes(parameters)) {
      const name = named.getChild('ParameterName');
      if (name && source.slice(name.from, name.to).trim() === argument.name) literal = named.lastChild;
    }
  }
  if (literal?.name !== 'StringLiteral') return null;
  const pattern: unknown = evaluate(source.slice(literal.from, literal.to), {}).value;
  return typeof pattern === 'string' ? unsafePatternMessage(pattern) : null;
}

/** The argument nodes of a parameter list (its children without the commas). */
function argumentNodes(parameters: SyntaxNode): SyntaxNode[] {
  const nodes: SyntaxNode[] = [];
  for (let child = parameters.firstChild; child !== null; child = child.nextSibling) if (child.name !== ',') nodes.push(child);
  return nodes;
}

function describeSyntaxError(source: string, at: number): string {
  const near = source.slice(Math.max(0, at - 10), at + 10);
  return `FEEL 语法错误，位置 ${at + 1}（"${near}"附近）/ FEEL syntax error at position ${at + 1} near "${near}"`;
}

const MEMO_ENTRIES = 128;
const MEMO_KEY_CHARS = 1024;

/**
 * feelin's interpreter with only the referenced variables and the engine's functions. An expression
 * that does not read the env is a pure function of its variables, so plain results for plain
 * inputs are remembered (bounded), sparing feelin's re-parse for repeated values.
 */
class FeelinExpression implements CompiledFeel {
  readonly path = 'feelin' as const;
  private readonly memo: Map<string, JsonValue> | null;

  constructor(
    readonly source: string,
    readonly variables: readonly string[],
    memoise: boolean,
  ) {
    this.memo = memoise ? new Map() : null;
  }

  evaluate(lookup: VariableLookup, env: FeelEnv): unknown {
    const values = this.variables.map((name) => lookup(name));
    const key = this.memo ? memoKey(values) : null;
    if (key !== null) {
      const hit = this.memo?.get(key);
      if (hit !== undefined) return hit;
    }
    const context: Record<string, unknown> = { ...engineFunctions(env) };
    this.variables.forEach((name, i) => {
      const value = values[i];
      if (value !== undefined) context[name] = value;
    });
    let result: { value: unknown };
    try {
      result = evaluate(this.source, context);
    } catch (error) {
      throw new FeelEvaluationError(error instanceof Error ? error.message : String(error), this.source);
    }
    const json = toJsonValue(result.value);
    if (key !== null && this.memo && (json === null || typeof json !== 'object')) {
      if (this.memo.size >= MEMO_ENTRIES) this.memo.clear();
      this.memo.set(key, json);
    }
    return json;
  }
}

/** An unambiguous key for plain inputs (missing, null, booleans, numbers, short strings); else null. */
function memoKey(values: readonly unknown[]): string | null {
  let key = '';
  for (const value of values) {
    if (value === undefined) key += 'u|';
    else if (value === null) key += 'n|';
    else if (typeof value === 'boolean') key += value ? 't|' : 'f|';
    else if (typeof value === 'number') {
      if (Object.is(value, -0)) return null;
      key += `d${value}|`;
    } else if (typeof value === 'string') key += `s${value.length}:${value}|`;
    else return null;
    if (key.length > MEMO_KEY_CHARS) return null;
  }
  return key;
}

/**
 * The compiled subset. When a value turns up that the subset does not decide itself (a list in a
 * comparison, mixed types in `<`, a date), the whole expression is handed to feelin, so results
 * are always feelin's.
 */
class FastExpression implements CompiledFeel {
  readonly path = 'fast' as const;
  readonly source: string;
  readonly variables: readonly string[];

  constructor(
    private readonly program: FastProgram,
    private readonly fallback: FeelinExpression,
  ) {
    this.source = fallback.source;
    this.variables = fallback.variables;
  }

  evaluate(lookup: VariableLookup, env: FeelEnv): unknown {
    // Warnings wait until the run succeeds: a deoptimised run is repeated by feelin.
    const warnings: string[] | null = this.program.callsFunctions ? [] : null;
    const rt: FastRuntime = { lookup, env: warnings ? { ...env, warn: (message) => warnings.push(message) } : env };
    let value: unknown;
    try {
      value = this.program.run(rt);
    } catch (error) {
      if (error === DEOPT) return this.fallback.evaluate(lookup, env);
      throw new FeelEvaluationError(error instanceof Error ? error.message : String(error), this.source);
    }
    if (warnings) for (const message of warnings) env.warn(message);
    return toJsonValue(value);
  }
}
