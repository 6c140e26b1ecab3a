import { EngineError } from '../errors.js';

/** Largest BPMN document accepted, in UTF-8 bytes. Real community models are well under 1 MB. */
export const MAX_BPMN_BYTES = 10 * 1024 * 1024;
/** Deepest XML element nesting accepted; real models (sub-processes in sub-processes) stay far below. */
export const MAX_XML_DEPTH = 200;

export interface PreflightResult {
  /** The document without a leading byte-order mark. */
  readonly xml: string;
  /** Qualified name of the root element, e.g. `bpmn:definitions`. */
  readonly rootName: string;
}

/**
 * Cheap checks before the XML parser sees the text, so that hostile or broken input gets a clear
 * error instead of a crash or a hang: type, emptiness, size, DTDs (entity expansion, external
 * entities) and nesting depth. One linear pass, no recursion.
 */
export function preflightXml(input: unknown): PreflightResult {
  if (typeof input !== 'string') throw parseError('BPMN 内容必须是文本 / the BPMN content must be a string');
  const xml = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (xml.trim() === '') throw parseError('BPMN 文件为空 / the BPMN file is empty');
  const bytes = utf8Length(xml);
  if (bytes > MAX_BPMN_BYTES) {
    throw parseError(
      `BPMN 文件过大（${formatMb(bytes)}），上限为 ${formatMb(MAX_BPMN_BYTES)} / the BPMN file is too large (${formatMb(bytes)}); the limit is ${formatMb(MAX_BPMN_BYTES)}`,
      { bytes, limit: MAX_BPMN_BYTES },
    );
  }
  return { xml, rootName: scan(xml) };
}

function scan(xml: string): string {
  let depth = 0;
  let rootName: string | null = null;
  let index = xml.indexOf('<');
  while (index !== -1) {
    const next = xml.charCodeAt(index + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', index)) {
        index = skipTo(xml, index, '-->');
      } else if (xml.startsWith('<![CDATA[', index)) {
        index = skipTo(xml, index, ']]>');
      } else {
        // <!DOCTYPE, <!ENTITY, <!ELEMENT …: DTDs enable entity expansion ("billion laughs") and external entities.
        const position = locate(xml, index);
        throw parseError(
          `BPMN 文件不能包含 DOCTYPE/ENTITY 声明（第 ${position.line} 行第 ${position.column} 列）/ DOCTYPE and ENTITY declarations are not allowed (line ${position.line}, column ${position.column})`,
          position,
        );
      }
    } else if (next === 0x3f /* ? */) {
      index = skipTo(xml, index, '?>');
    } else if (next === 0x2f /* / */) {
      depth--;
      index = xml.indexOf('>', index);
    } else {
      const end = tagEnd(xml, index);
      if (rootName === null) rootName = tagName(xml, index);
      if (xml.charCodeAt(end - 1) !== 0x2f /* / */) {
        depth++;
        if (depth > MAX_XML_DEPTH) {
          const position = locate(xml, index);
          throw parseError(
            `XML 嵌套过深（超过 ${MAX_XML_DEPTH} 层，第 ${position.line} 行第 ${position.column} 列）/ the XML is nested too deeply (more than ${MAX_XML_DEPTH} levels, line ${position.line}, column ${position.column})`,
            { ...position, limit: MAX_XML_DEPTH },
          );
        }
      }
      index = end;
    }
    if (index === -1) break;
    index = xml.indexOf('<', index + 1);
  }
  if (rootName === null) throw parseError('这不是 XML 文件：没有找到任何元素 / this is not XML: no element found');
  return rootName;
}

/** Index of the `>` closing the start tag at `start`, skipping quoted attribute values; -1 if none. */
function tagEnd(xml: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e /* > */) {
      return i;
    }
  }
  return -1;
}

function tagName(xml: string, start: number): string {
  const match = /^<([^\s/>]+)/.exec(xml.slice(start, start + 200));
  return match?.[1] ?? '';
}

function skipTo(xml: string, start: number, terminator: string): number {
  const end = xml.indexOf(terminator, start);
  return end === -1 ? -1 : end + terminator.length - 1;
}

/** 1-based line and column of an offset (only used on the error path). */
function locate(xml: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf('\n'); i !== -1 && i < offset; i = xml.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function utf8Length(text: string): number {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: past the limit in units it is past it in bytes, so the
  // exact count is only needed near the limit (the reported size is then a lower bound).
  if (text.length > MAX_BPMN_BYTES || text.length * 3 <= MAX_BPMN_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function parseError(message: string, details: Readonly<Record<string, unknown>> = {}): EngineError {
  return new EngineError('WF_PARSE', message, details);
}
