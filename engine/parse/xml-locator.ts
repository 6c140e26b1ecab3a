/**
 * Finds where an element is written: the line and column of its `id="…"` attribute. One pass
 * over the text builds the index, so looking up every problem stays linear.
 */
export class XmlLocator {
  private readonly lineStarts: number[] = [0];
  private readonly idOffsets = new Map<string, number>();

  constructor(private readonly xml: string) {
    for (let i = xml.indexOf('\n'); i !== -1; i = xml.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    const idAttribute = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    for (let match = idAttribute.exec(xml); match !== null; match = idAttribute.exec(xml)) {
      const id = match[1] ?? match[2] ?? '';
      // The first definition wins; bpmndi shapes repeat ids only as bpmnElement, not as id.
      if (!this.idOffsets.has(id)) this.idOffsets.set(id, match.index + 1);
    }
  }

  /** 1-based position of the element's `id` attribute, or null when not found. */
  positionOfId(id: string | null): { line: number; column: number } | null {
    if (id === null) return null;
    const offset = this.idOffsets.get(id);
    return offset === undefined ? null : this.positionOf(offset);
  }

  /** 1-based line and column of a 0-based offset. */
  positionOf(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  get text(): string {
    return this.xml;
  }
}
