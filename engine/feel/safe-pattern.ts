/**
 * Guards user-written regular expressions (FEEL `matches`/`replace`/`split`, form-js
 * `validate.pattern`) against catastrophic backtracking. JavaScript's regex engine backtracks,
 * so a pattern where one piece of text can be matched in many ways — a quantifier inside an
 * unbounded quantifier (`(a+)+`), alternatives that overlap under one (`(a|aa)*`), or two
 * overlapping unbounded quantifiers side by side (`\d*\d*`) — can take exponential or high
 * polynomial time on a short hostile input. Such patterns are refused; the rest are run on at
 * most `MAX_PATTERN_INPUT` characters. The check is conservative: a few safe but ambiguous
 * patterns are refused too, with a message saying why.
 */

/** Longest text a user pattern is run on. */
export const MAX_PATTERN_INPUT = 10_000;
/** Longest pattern accepted. */
export const MAX_PATTERN_LENGTH = 1_000;

/** Why a pattern is refused, in Chinese and English. */
interface Hazard {
  readonly zh: string;
  readonly en: string;
}

/** Why a pattern is refused ("中文 / English", naming the pattern), or null when it is safe to run. */
export function unsafePatternMessage(pattern: string): string | null {
  const hazard = patternHazard(pattern);
  return hazard === null ? null : `正则表达式 ${pattern} 不安全：${hazard.zh} / unsafe regular expression ${pattern}: ${hazard.en}`;
}

function patternHazard(pattern: string): Hazard | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return { zh: `过长（上限 ${MAX_PATTERN_LENGTH} 字符）`, en: `longer than ${MAX_PATTERN_LENGTH} characters` };
  let tree: Node;
  try {
    tree = new Parser(pattern).parse();
  } catch {
    return null; // not ours to judge: the RegExp constructor reports the syntax error
  }
  return findHazard(tree);
}

/** Throws when the pattern is unsafe or the input too long to run it on; `what` names the caller, e.g. `matches()`. */
export function assertPatternRunnable(pattern: string, input: string, what: string): void {
  const unsafe = unsafePatternMessage(pattern);
  if (unsafe !== null) throw new Error(`${what}: ${unsafe}`);
  if (input.length > MAX_PATTERN_INPUT) {
    throw new Error(`${what} 的输入过长（${input.length} 字符，上限 ${MAX_PATTERN_INPUT}）/ the input of ${what} is too long (${input.length} characters, at most ${MAX_PATTERN_INPUT})`);
  }
}

// ───────────── a small parse of the pattern's structure ─────────────

/** Characters a piece can match: code point ranges (all but them when `negated`), or `any` when we cannot tell. */
interface CharSet {
  readonly any: boolean;
  readonly ranges: readonly (readonly [number, number])[];
  readonly negated?: boolean;
}

type Node =
  | { readonly kind: 'chars'; readonly set: CharSet }
  | { readonly kind: 'empty' } // assertions, lookarounds: zero width
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly branches: readonly Node[] }
  | { readonly kind: 'repeat'; readonly min: number; readonly max: number; readonly body: Node };

const ANY: CharSet = { any: true, ranges: [] };
const set = (...ranges: [number, number][]): CharSet => ({ any: false, ranges });
const DIGIT = set([48, 57]);
const WORD = set([48, 57], [65, 90], [95, 95], [97, 122]);
const SPACE = set([9, 13], [32, 32], [160, 160], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]);

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.text.length) throw new Error('unbalanced )');
    return node;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.text[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] as Node) : { kind: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.text.length && this.text[this.at] !== '|' && this.text[this.at] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private quantified(body: Node): Node {
    const c = this.text[this.at];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.at));
      if (match === null) return body; // a literal '{' (legacy syntax); the u flag would refuse it
      this.at += match[0].length;
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    } else return body;
    if (this.text[this.at] === '?') this.at++; // lazy: same search space
    return this.quantified({ kind: 'repeat', min, max, body });
  }

  private atom(): Node {
    const c = this.text[this.at++] as string;
    if (c === '(') {
      let zeroWidth = false;
      if (this.text[this.at] === '?') {
        const head = /^\?(:|=|!|<=|<!|<[^>]*>)/.exec(this.text.slice(this.at));
        if (head === null) throw new Error('bad group');
        this.at += head[0].length;
        zeroWidth = ['=', '!', '<=', '<!'].includes(head[1] ?? ':');
      }
      const inner = this.alternation();
      if (this.text[this.at++] !== ')') throw new Error('unclosed group');
      // a lookaround's own body can still backtrack: keep it, but it consumes nothing around it
      return zeroWidth ? { kind: 'seq', items: [{ kind: 'repeat', min: 0, max: 1, body: inner }] } : inner;
    }
    if (c === '[') return { kind: 'chars', set: this.characterClass() };
    if (c === '.') return { kind: 'chars', set: ANY };
    if (c === '^' || c === '$') return { kind: 'empty' };
    if (c === '\\') return this.escape();
    return { kind: 'chars', set: set([c.codePointAt(0) ?? 0, c.codePointAt(0) ?? 0]) };
  }

  private escape(): Node {
    const c = this.text[this.at++] ?? '';
    if (c === 'b' || c === 'B') return { kind: 'empty' };
    if (/[1-9k]/.test(c)) return { kind: 'chars', set: ANY }; // back-reference: could be anything
    return { kind: 'chars', set: this.classEscape(c) };
  }

  /** The set of an escape after the backslash (inside or outside a class). */
  private classEscape(c: string): CharSet {
    if (c === 'd') return DIGIT;
    if (c === 'w') return WORD;
    if (c === 's') return SPACE;
    if (c === 'D' || c === 'W' || c === 'S' || c === 'p' || c === 'P') {
      if ((c === 'p' || c === 'P') && this.text[this.at] === '{') this.at = this.text.indexOf('}', this.at) + 1 || this.text.length;
      return ANY;
    }
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
    if (c in controls) return set([controls[c] as number, controls[c] as number]);
    const hex = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.text.slice(this.at)) : c === 'u' ? /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(this.text.slice(this.at)) : null;
    if (hex !== null) {
      this.at += hex[0].length;
      const code = parseInt(hex[0].replace(/[{}]/g, ''), 16);
      return set([code, code]);
    }
    if (c === 'c') {
      this.at++;
      return ANY;
    }
    const code = c.codePointAt(0) ?? 0;
    return set([code, code]);
  }

  private characterClass(): CharSet {
    const negated = this.text[this.at] === '^';
    if (negated) this.at++;
    const ranges: [number, number][] = [];
    let any = false;
    while (this.at < this.text.length && this.text[this.at] !== ']') {
      const lo = this.classMember();
      if (typeof lo !== 'number') {
        if (lo.any) any = true;
        ranges.push(...lo.ranges.map(([a, b]) => [a, b] as [number, number]));
        continue;
      }
      if (this.text[this.at] === '-' && this.text[this.at + 1] !== ']' && this.at + 1 < this.text.length) {
        this.at++;
        const hi = this.classMember();
        if (typeof hi === 'number') ranges.push([lo, hi]);
        else any = true;
      } else ranges.push([lo, lo]);
    }
    if (this.text[this.at++] !== ']') throw new Error('unclosed class');
    if (any) return ANY;
    return negated ? { any: false, ranges, negated: true } : { any: false, ranges };
  }

  /** One class member: a code point, or a set for `\d`-like escapes. */
  private classMember(): number | CharSet {
    const c = this.text[this.at++] as string;
    if (c !== '\\') return c.codePointAt(0) ?? 0;
    const escaped = this.text[this.at++] ?? '';
    if (escaped === 'b') return 8;
    const member = this.classEscape(escaped);
    const only = member.ranges[0];
    return !member.any && member.ranges.length === 1 && only !== undefined && only[0] === only[1] ? only[0] : member;
  }
}

// ───────────── the hazards ─────────────

function nullable(node: Node): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'empty':
      return true;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.branches.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
  }
}

/** The characters a match of `node` can start with. */
function firstChars(node: Node): CharSet {
  switch (node.kind) {
    case 'chars':
      return node.set;
    case 'empty':
      return set();
    case 'repeat':
      return firstChars(node.body);
    case 'alt':
      return union(node.branches.map(firstChars));
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        sets.push(firstChars(item));
        if (!nullable(item)) break;
      }
      return union(sets);
    }
  }
}

function isEmpty(s: CharSet): boolean {
  return !s.any && s.negated !== true && s.ranges.length === 0;
}

function union(all: readonly CharSet[]): CharSet {
  const sets = all.filter((s) => !isEmpty(s));
  if (sets.length <= 1) return sets[0] ?? set();
  return sets.some((s) => s.any || s.negated === true) ? ANY : { any: false, ranges: sets.flatMap((s) => s.ranges) };
}

function overlaps(a: CharSet, b: CharSet): boolean {
  if (isEmpty(a) || isEmpty(b)) return false;
  if (a.any || b.any || (a.negated === true && b.negated === true)) return true;
  if (a.negated === true || b.negated === true) {
    // [^R] meets P unless every range of P lies inside R
    const [excluded, plain] = a.negated === true ? [a, b] : [b, a];
    return plain.ranges.some(([lo, hi]) => !excluded.ranges.some(([xlo, xhi]) => xlo <= lo && hi <= xhi));
  }
  return a.ranges.some(([alo, ahi]) => b.ranges.some(([blo, bhi]) => alo <= bhi && blo <= ahi));
}

/** Every character the node can match anywhere. */
function allChars(node: Node): CharSet {
  switch (node.kind) {
    case 'chars':
      return node.set;
    case 'empty':
      return set();
    case 'repeat':
      return allChars(node.body);
    case 'seq':
      return union(node.items.map(allChars));
    case 'alt':
      return union(node.branches.map(allChars));
  }
}

/** The characters of the quantifiers inside `node` that let a match vary in length. */
function variableRepeatChars(node: Node): CharSet {
  switch (node.kind) {
    case 'chars':
    case 'empty':
      return set();
    case 'seq':
      return union(node.items.map(variableRepeatChars));
    case 'alt':
      return union(node.branches.map(variableRepeatChars));
    case 'repeat':
      return node.max > node.min ? allChars(node.body) : variableRepeatChars(node.body);
  }
}

/** Whether the node contains a quantifier that lets a match vary in length. */
function hasVariableRepeat(node: Node): boolean {
  switch (node.kind) {
    case 'chars':
    case 'empty':
      return false;
    case 'seq':
      return node.items.some(hasVariableRepeat);
    case 'alt':
      return node.branches.some(hasVariableRepeat);
    case 'repeat':
      return node.max > node.min || hasVariableRepeat(node.body);
  }
}

/** Alternatives that can match the same text start (or nothing): ambiguous under a repeat. */
function overlappingAlternatives(node: Node): boolean {
  switch (node.kind) {
    case 'chars':
    case 'empty':
      return false;
    case 'seq':
      return node.items.some(overlappingAlternatives);
    case 'repeat':
      return overlappingAlternatives(node.body);
    case 'alt': {
      if (node.branches.some(nullable)) return true;
      const firsts = node.branches.map(firstChars);
      for (let i = 0; i < firsts.length; i++) for (let j = i + 1; j < firsts.length; j++) if (overlaps(firsts[i] as CharSet, firsts[j] as CharSet)) return true;
      return node.branches.some(overlappingAlternatives);
    }
  }
}

function findHazard(node: Node): Hazard | null {
  switch (node.kind) {
    case 'chars':
    case 'empty':
      return null;
    case 'alt':
      for (const branch of node.branches) {
        const found = findHazard(branch);
        if (found) return found;
      }
      return null;
    case 'repeat':
      if (node.max === Infinity || node.max > 100) {
        // an inner quantifier that can eat the start of the next round makes the round boundaries ambiguous
        if (nullable(node.body) || (hasVariableRepeat(node.body) && overlaps(variableRepeatChars(node.body), firstChars(node.body)))) return { zh: '重复之中又有重复（如 (a+)+），回溯可能呈指数增长', en: 'a repetition inside a repetition (like (a+)+) can backtrack exponentially' };
        if (overlappingAlternatives(node.body)) return { zh: '重复之中的分支可匹配相同文本（如 (a|aa)*），回溯可能呈指数增长', en: 'alternatives under a repetition match the same text (like (a|aa)*) and can backtrack exponentially' };
      }
      return findHazard(node.body);
    case 'seq': {
      // two unbounded repeats over overlapping characters with only optional pieces between them (\d*\d*, .*.*)
      let previous: CharSet | null = null;
      for (const item of node.items) {
        if (item.kind === 'repeat' && item.max === Infinity) {
          const chars = firstChars(item.body);
          if (previous !== null && overlaps(previous, chars)) return { zh: '相邻的重复可匹配相同字符（如 \\d*\\d*），回溯可能很慢', en: 'neighbouring repetitions match the same characters (like \\d*\\d*) and can backtrack slowly' };
          previous = previous === null ? chars : union([previous, chars]);
        } else if (!nullable(item)) previous = null;
        const found = findHazard(item);
        if (found) return found;
      }
      return null;
    }
  }
}
