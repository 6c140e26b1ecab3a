import type { ValidationProblem } from '../errors.js';
import { idOf, type ModdleNode } from './moddle-node.js';
import type { XmlLocator } from './xml-locator.js';

/** The element a problem is about: a moddle node, or an id and type. */
export type ProblemSubject = ModdleNode | { readonly id: string | null; readonly bpmnType: string | null } | null;

/** Collects every deploy-time problem with the element's position in the XML. */
export class ProblemCollector {
  private readonly list: ValidationProblem[] = [];

  constructor(private readonly locator: XmlLocator) {}

  get problems(): readonly ValidationProblem[] {
    return this.list;
  }

  /** Problems in document order (those without a position last), for a reader going top to bottom. */
  sorted(): readonly ValidationProblem[] {
    const rank = (p: ValidationProblem) => (p.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (p.column ?? 0);
    return [...this.list].sort((a, b) => rank(a) - rank(b));
  }

  /** Adds a problem; `zh` and `en` are joined as "中文 / English". */
  add(subject: ProblemSubject, field: string | null, zh: string, en: string, at?: { line: number; column: number }): void {
    const elementId = subject === null ? null : '$type' in subject ? idOf(subject) : subject.id;
    const elementType = subject === null ? null : '$type' in subject ? subject.$type : subject.bpmnType;
    const position = at ?? this.locator.positionOfId(elementId) ?? (elementType === 'bpmn:Definitions' ? this.rootPosition() : null);
    this.list.push({
      elementId,
      elementType,
      ...(field !== null ? { field } : {}),
      message: `${zh} / ${en}`,
      ...(position ?? {}),
    });
  }

  /** Where the root element starts (for document-wide problems when `definitions` has no id). */
  private rootPosition(): { line: number; column: number } | null {
    const match = /<[A-Za-z_]/.exec(this.locator.text);
    return match ? this.locator.positionOf(match.index) : null;
  }

  /** Adds a problem known only by its position in the text (e.g. an XML parser warning). */
  addAt(position: { line: number; column: number } | null, zh: string, en: string): void {
    this.list.push({ elementId: null, elementType: null, message: `${zh} / ${en}`, ...(position ?? {}) });
  }
}
