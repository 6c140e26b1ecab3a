import { FeelDate, FeelDateTime, FeelDuration, FeelTime, evaluate, parseDate, parseDateTime, type parseExpression } from 'feelin';
import type { FeelEnv, VariableLookup } from './expression.js';
import { engineFunctionTable, type EngineFunction } from './functions.js';
import {
  DEOPT,
  feelAnd,
  feelArithmetic,
  feelBetween,
  feelEquals,
  feelIn,
  feelNot,
  feelNotEquals,
  feelOr,
  feelOrder,
  feelTruthy,
  isPrimitive,
  stringArgs,
  stringBuiltins,
  type ArithOp,
  type OrderOp,
} from './feel-semantics.js';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** What a compiled node needs at evaluation time. */
export interface FastRuntime {
  readonly lookup: VariableLookup;
  /** The env with `warn` buffered, so a deoptimised run does not warn twice. */
  readonly env: FeelEnv;
}

/** A compiled node; throws `DEOPT` when feelin must evaluate the whole expression instead. */
export type FastEvaluator = (rt: FastRuntime) => unknown;

/** The compiled subset, plus whether evaluation may call engine functions (and so may warn). */
export interface FastProgram {
  readonly run: FastEvaluator;
  readonly callsFunctions: boolean;
}

/**
 * Compiles the subset of FEEL the engine evaluates itself: literals, variables and paths,
 * comparisons, `and`/`or`/`not(…)`, arithmetic, string `+`, parentheses, `in` lists, and calls of
 * the engine's own functions (`now()`, `add working days(…)`, …). Returns `null` for anything
 * else; such expressions are evaluated by feelin.
 */
export function compileFastPath(root: SyntaxNode, source: string): FastProgram | null {
  const compiler = new SubsetCompiler(source);
  const run = compiler.compile(root);
  return run === null ? null : { run, callsFunctions: compiler.callsFunctions };
}

const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const ORDER_OPS = new Set<string>(['<', '<=', '>', '>=']);
const ARITH_OPS = new Set<string>(['+', '-', '*', '/', '**', '^']);

class SubsetCompiler {
  callsFunctions = false;

  constructor(private readonly source: string) {}

  private text(node: SyntaxNode): string {
    return this.source.slice(node.from, node.to);
  }

  compile(node: SyntaxNode): FastEvaluator | null {
    const kids = children(node);
    switch (node.name) {
      case 'Expression':
      case 'PositiveUnaryTest':
        return kids.length === 1 && kids[0] ? this.compile(kids[0]) : null;
      case 'ParenthesizedExpression':
        return kids.length === 3 && kids[1] ? this.compile(kids[1]) : null;
      case 'NumericLiteral':
        return this.numericLiteral(node);
      case 'StringLiteral':
        return this.stringLiteral(node);
      case 'BooleanLiteral': {
        const value = this.text(node) === 'true';
        return () => value;
      }
      case 'null':
        return () => null;
      case 'VariableName':
        return this.variable(node, kids);
      case 'PathExpression':
        return this.path(kids);
      case 'Conjunction':
      case 'Disjunction':
        return this.logic(node.name, kids);
      case 'Comparison':
        return this.comparison(kids);
      case 'ArithmeticExpression':
        return this.arithmetic(kids);
      case 'FunctionInvocation':
        return this.invocation(kids);
      case 'List':
        return this.list(kids);
      case 'IfExpression':
        return this.conditional(kids);
      case 'DateTimeLiteral':
        return this.temporalConstructor(kids);
      default:
        return null;
    }
  }

  private numericLiteral(node: SyntaxNode): FastEvaluator | null {
    // Only plain decimals: feelin reads `1e3` as 1 and `- 1` as NaN; leave those to feelin.
    const text = this.text(node);
    if (!PLAIN_NUMBER.test(text)) return null;
    const value = Number(text);
    return () => value;
  }

  private stringLiteral(node: SyntaxNode): FastEvaluator | null {
    const text = this.text(node);
    if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return null;
    const body = text.slice(1, -1);
    // Simple escapes only; unicode escapes are left to feelin's reading of them.
    if (/\\(?![ntr"\\])/.test(body)) return null;
    const value = body.replace(/\\([ntr"\\])/g, (_match, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
    return () => value;
  }

  private variable(node: SyntaxNode, kids: SyntaxNode[]): FastEvaluator | null {
    const only = kids[0];
    if (kids.length !== 1 || only?.name !== 'Identifier') return null;
    const name = this.text(node);
    if (name !== this.text(only)) return null;
    // An unset variable named like a built-in (`count`, `now`, …) is that function in feelin.
    const shadowsBuiltin = isBuiltinName(name);
    return (rt) => {
      const value = rt.lookup(name);
      if (value !== undefined) return value;
      if (shadowsBuiltin) throw DEOPT;
      return null;
    };
  }

  private path(kids: SyntaxNode[]): FastEvaluator | null {
    const [baseNode, dot, pathName] = kids;
    if (kids.length !== 3 || !baseNode || dot?.name !== '.' || pathName?.name !== 'PathName') return null;
    const nameKids = children(pathName);
    const identifier = nameKids[0];
    if (nameKids.length !== 1 || identifier?.name !== 'Identifier') return null;
    const key = this.text(identifier);
    if (key !== this.text(pathName)) return null;
    const base = this.compile(baseNode);
    if (base === null) return null;
    return (rt) => {
      const target = base(rt);
      if (Array.isArray(target)) return target.map((item: unknown) => property(item, key));
      return property(target, key);
    };
  }

  private logic(kind: 'Conjunction' | 'Disjunction', kids: SyntaxNode[]): FastEvaluator | null {
    const [leftNode, , rightNode] = kids;
    if (kids.length !== 3 || !leftNode || !rightNode) return null;
    const left = this.compile(leftNode);
    const right = this.compile(rightNode);
    if (left === null || right === null) return null;
    // Both sides are always evaluated, as feelin does (a deopt or warning on the right counts).
    return kind === 'Conjunction' ? (rt) => feelAnd(left(rt), right(rt)) : (rt) => feelOr(left(rt), right(rt));
  }

  private comparison(kids: SyntaxNode[]): FastEvaluator | null {
    const [leftNode, opNode] = kids;
    if (!leftNode || !opNode) return null;
    const left = this.compile(leftNode);
    if (left === null) return null;
    if (opNode.name === 'CompareOp' && kids.length === 3 && kids[2]) {
      const right = this.compile(kids[2]);
      if (right === null) return null;
      const op = this.text(opNode);
      if (op === '=') return (rt) => feelEquals(left(rt), right(rt));
      if (op === '!=') return (rt) => feelNotEquals(left(rt), right(rt));
      if (ORDER_OPS.has(op)) {
        const order = op as OrderOp; // membership checked on the line above
        return (rt) => feelOrder(order, left(rt), right(rt));
      }
      return null;
    }
    if (opNode.name === 'between') {
      // `x between lo and hi`
      const [, , lowNode, andNode, highNode] = kids;
      if (kids.length !== 5 || !lowNode || andNode?.name !== 'and' || !highNode) return null;
      const low = this.compile(lowNode);
      const high = this.compile(highNode);
      if (low === null || high === null) return null;
      return (rt) => feelBetween(() => left(rt), low(rt), high(rt));
    }
    if (opNode.name === 'in') {
      // `x in <test>`: a single positive unary test that is a plain expression or a list.
      if (kids.length === 3 && kids[2]?.name === 'PositiveUnaryTest') {
        const tests = this.compile(kids[2]);
        return tests === null ? null : (rt) => feelIn(left(rt), tests(rt));
      }
      // `x in (a, b, c)`
      const testsNode = kids[3];
      if (kids.length === 5 && kids[2]?.name === '(' && testsNode?.name === 'PositiveUnaryTests' && kids[4]?.name === ')') {
        const tests = children(testsNode).map((test) => (test.name === 'PositiveUnaryTest' ? this.compile(test) : null));
        if (tests.some((t) => t === null)) return null;
        const compiled = tests as FastEvaluator[]; // nulls excluded just above
        return (rt) => {
          const value = left(rt);
          return feelIn(value, compiled.map((test) => test(rt)));
        };
      }
    }
    return null;
  }

  private arithmetic(kids: SyntaxNode[]): FastEvaluator | null {
    if (kids.length === 3) {
      const [leftNode, opNode, rightNode] = kids;
      if (!leftNode || opNode?.name !== 'ArithOp' || !rightNode) return null;
      const op = this.text(opNode);
      if (!ARITH_OPS.has(op)) return null;
      const arith = op as ArithOp; // membership checked on the line above
      const left = this.compile(leftNode);
      const right = this.compile(rightNode);
      if (left === null || right === null) return null;
      return (rt) => feelArithmetic(arith, left(rt), right(rt));
    }
    if (kids.length === 2) {
      // unary minus: `-x` is `0 - x`
      const [opNode, operandNode] = kids;
      if (opNode?.name !== 'ArithOp' || this.text(opNode) !== '-' || !operandNode) return null;
      const operand = this.compile(operandNode);
      return operand === null ? null : (rt) => feelArithmetic('-', 0, operand(rt));
    }
    return null;
  }

  private invocation(kids: SyntaxNode[]): FastEvaluator | null {
    const [nameNode, open, paramsNode, close] = kids;
    if (kids.length !== 4 || nameNode?.name !== 'VariableName' || open?.name !== '(' || paramsNode?.name !== 'PositionalParameters' || close?.name !== ')') {
      return null;
    }
    const name = this.text(nameNode).replace(/\s+/g, ' ');
    const args: FastEvaluator[] = [];
    for (const argNode of children(paramsNode)) {
      const arg = this.compile(argNode);
      if (arg === null) return null;
      args.push(arg);
    }
    if (name === 'not') {
      const [arg] = args;
      return args.length === 1 && arg ? (rt) => feelNot(arg(rt)) : null;
    }
    const builtin = stringBuiltins.get(name);
    if (builtin && !engineFunctionTable.has(name)) {
      if (args.length !== builtin.arity) return null;
      return (rt) => builtin.apply(stringArgs(args.map((arg) => arg(rt))));
    }
    const fn: EngineFunction | undefined = engineFunctionTable.get(name);
    if (fn) {
      // feelin refuses more arguments than parameters (null with a warning); leave that to it.
      if (args.length > fn.params.length) return null;
      this.callsFunctions = true;
      return (rt) => fn.call(rt.env, args.map((arg) => arg(rt)));
    }
    const builtinFn = pureFeelinBuiltin(name);
    if (!builtinFn) return null;
    const params = builtinFn.$args;
    const variadic = params[params.length - 1]?.startsWith('...') ?? false;
    if (args.length > params.length && !variadic) return null;
    return (rt) => builtinResult(builtinFn(...args.map((arg) => arg(rt))));
  }

  /** `date(text)` and `date and time(text)`: parsed as feelin parses them; other arguments → feelin. */
  private temporalConstructor(kids: SyntaxNode[]): FastEvaluator | null {
    const [ctorNode, open, paramsNode, close] = kids;
    if (kids.length !== 4 || ctorNode?.name !== 'DateTimeConstructor' || open?.name !== '(' || paramsNode?.name !== 'PositionalParameters' || close?.name !== ')') {
      return null;
    }
    const argNodes = children(paramsNode);
    const argNode = argNodes[0];
    if (argNodes.length !== 1 || !argNode) return null;
    const arg = this.compile(argNode);
    if (arg === null) return null;
    const ctor = this.text(ctorNode).replace(/\s+/g, ' ');
    const parse = ctor === 'date' ? parseDate : ctor === 'date and time' ? parseDateTime : null;
    if (parse === null) return null;
    return (rt) => {
      const text = arg(rt);
      if (typeof text !== 'string') throw DEOPT;
      return parse(text) ?? null;
    };
  }

  private conditional(kids: SyntaxNode[]): FastEvaluator | null {
    const [ifNode, condNode, thenKw, thenNode, elseKw, elseNode] = kids;
    if (kids.length !== 6 || ifNode?.name !== 'if' || thenKw?.name !== 'then' || elseKw?.name !== 'else' || !condNode || !thenNode || !elseNode) {
      return null;
    }
    const condition = this.compile(condNode);
    const whenTrue = this.compile(thenNode);
    const whenFalse = this.compile(elseNode);
    if (condition === null || whenTrue === null || whenFalse === null) return null;
    return (rt) => (feelTruthy(condition(rt)) ? whenTrue(rt) : whenFalse(rt));
  }

  private list(kids: SyntaxNode[]): FastEvaluator | null {
    if (kids[0]?.name !== '[' || kids[kids.length - 1]?.name !== ']') return null;
    const items: FastEvaluator[] = [];
    for (const itemNode of kids.slice(1, -1)) {
      const item = this.compile(itemNode);
      if (item === null) return null;
      items.push(item);
    }
    return (rt) => items.map((item) => item(rt));
  }
}

/** `target.key` on a JSON value: contexts give their entry (or null), plain values null. */
function property(target: unknown, key: string): unknown {
  if (isPrimitive(target) || target === undefined) return null;
  if (Object.getPrototypeOf(target) !== Object.prototype) throw DEOPT;
  const context = target as Record<string, unknown>; // a plain object, checked above
  // feelin re-parses with the values in hand: a key such as `x-y` or `total amount` can turn
  // `a.x-y` from a subtraction into a path. Only feelin can say what it will read, so defer.
  for (const entryKey of Object.keys(context)) {
    if (NAME_WITH_OPERATORS.test(entryKey)) throw DEOPT;
  }
  return Object.hasOwn(context, key) ? (context[key] ?? null) : null;
}

const NAME_WITH_OPERATORS = /[\s+\-*/'.]/;

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!child.type.isSkipped) out.push(child);
  }
  return out;
}

/**
 * feelin built-ins the fast path calls directly: pure, and none mutates its arguments (feelin
 * itself passes copies; we pass the variables' values).
 */
const PURE_BUILTINS = new Set([
  'count', 'min', 'max', 'sum', 'mean', 'list contains', 'string join',
  'string', 'number', 'abs', 'floor', 'ceiling', 'decimal', 'modulo', 'odd', 'even',
  'round half up', 'round half down', 'round up', 'round down',
  'substring', 'substring before', 'substring after', 'day of week', 'month of year',
]);

type BuiltinFn = ((...args: unknown[]) => unknown) & { readonly $args: readonly string[] };
const builtinFns = new Map<string, BuiltinFn | null>();

/** feelin's own implementation of a whitelisted built-in (as feelin resolves an unset name). */
function pureFeelinBuiltin(name: string): BuiltinFn | null {
  if (!PURE_BUILTINS.has(name)) return null;
  let fn = builtinFns.get(name);
  if (fn === undefined) {
    const value: unknown = evaluate(name, {}).value;
    const args: unknown = typeof value === 'function' ? (value as { $args?: unknown }).$args : undefined; // reading feelin's annotation
    fn = Array.isArray(args) && args.every((a) => typeof a === 'string') ? (value as BuiltinFn) : null; // shape checked on this line
    builtinFns.set(name, fn);
  }
  return fn;
}

/** A built-in's result as feelin would hand it on; anything unusual (a failure signal) → feelin. */
function builtinResult(value: unknown): unknown {
  if (isPrimitive(value) || Array.isArray(value)) return value;
  if (value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime || value instanceof FeelDuration) return value;
  if (Object.getPrototypeOf(value) === Object.prototype) return value;
  throw DEOPT;
}

const builtinNames = new Map<string, boolean>();

/** Whether feelin resolves an unset variable of this name to a function (a built-in). */
function isBuiltinName(name: string): boolean {
  let known = builtinNames.get(name);
  if (known === undefined) {
    if (engineFunctionTable.has(name)) known = true;
    else {
      try {
        known = evaluate(name, {}).value !== null;
      } catch {
        known = true;
      }
    }
    builtinNames.set(name, known);
  }
  return known;
}
