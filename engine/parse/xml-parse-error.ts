import { EngineError } from '../errors.js';

/** saxen reports 0-based line and column. */
export function positionIn(message: string): { line: number; column: number } | null {
  const line = /line: (\d+)/.exec(message)?.[1];
  const column = /column: (\d+)/.exec(message)?.[1];
  return line !== undefined && column !== undefined ? { line: Number(line), column: Number(column) } : null;
}

export function toParseError(error: unknown, rootName: string): EngineError {
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

export function notBpmn(rootName: string): EngineError {
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
