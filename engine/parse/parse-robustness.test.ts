import { describe, expect, it } from 'vitest';
import { EngineError, ValidationError } from '../errors.js';
import { loadFixture } from '../../tests/helpers/load-parse-fixture.js';
import { parseBpmn } from './parse-bpmn.js';
import { MAX_BPMN_BYTES, MAX_XML_DEPTH } from './xml-preflight.js';

async function parseError(xml: string): Promise<EngineError> {
  try {
    await parseBpmn(xml);
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected parseBpmn to refuse the document');
}

const bpmnHead =
  '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">\n';

describe('parseBpmn on broken or hostile input', () => {
  it('should name the line and column of malformed XML', async () => {
    // given: a closing tag misspelt by hand
    const lines = loadFixture('complaint-handling.bpmn').split('\n');
    const closing = lines.findIndex((line) => line.trim() === '</bpmn:exclusiveGateway>');
    lines[closing] = '    </bpmn:exclusiveGatway>';

    // when
    const error = await parseError(lines.join('\n'));

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toMatch(/^XML 格式错误（第 \d+ 行第 \d+ 列）.* \/ malformed XML at line \d+, column \d+/);
    expect(error.details['line']).toBe(closing + 1);
    expect(error.details['column']).toBe(5);
  });

  it('should refuse a document that is not BPMN', async () => {
    // given
    const html = '<!-- a web page --><html><head><title>投诉</title></head><body><p>hi</p></body></html>';

    // when
    const error = await parseError(html);

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toContain('这不是 BPMN 文件：根元素是 <html>');
  });

  it('should refuse a definitions element outside the BPMN namespace', async () => {
    // given
    const xml = '<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0"><process id="p" /></definitions>';

    // when
    const error = await parseError(xml);

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toContain('不在 BPMN 2.0 命名空间');
  });

  it.each([
    ['an empty file', ''],
    ['whitespace only', ' \n\t\r\n '],
    ['a byte-order mark only', '\uFEFF'],
  ])('should refuse %s', async (_name, xml) => {
    // when
    const error = await parseError(xml);

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toBe('BPMN 文件为空 / the BPMN file is empty');
  });

  it('should refuse text without any element', async () => {
    // when
    const error = await parseError('just some text, no XML');

    // then
    expect(error.code).toBe('WF_PARSE');
  });

  it('should refuse a 50 MB file before parsing it', async () => {
    // given: a valid model padded with a 50 MB comment
    const valid = loadFixture('complaint-handling.bpmn');
    const huge = valid.replace('<bpmn:process', `<!-- ${'x'.repeat(50 * 1024 * 1024)} -->\n  <bpmn:process`);

    // when
    const error = await parseError(huge);

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toContain('BPMN 文件过大');
    expect(error.details['limit']).toBe(MAX_BPMN_BYTES);
  });

  it('should count multi-byte characters against the size limit', async () => {
    // given: 4 M Chinese characters are 12 MB of UTF-8
    const xml = `${bpmnHead}<!-- ${'流'.repeat(4 * 1024 * 1024)} --></bpmn:definitions>`;

    // when
    const error = await parseError(xml);

    // then
    expect(error.message).toContain('BPMN 文件过大');
  });

  it('should refuse 100,000 nested elements without overflowing the stack', async () => {
    // given
    const depth = 100_000;
    const xml = `${bpmnHead}<bpmn:process id="p" isExecutable="true">${'<bpmn:subProcess id="s">'.repeat(depth)}${'</bpmn:subProcess>'.repeat(depth)}</bpmn:process></bpmn:definitions>`;

    // when
    const error = await parseError(xml);

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toContain(`超过 ${MAX_XML_DEPTH} 层`);
    expect(error.details['line']).toBe(3);
  });

  it('should refuse deep nesting hidden in documentation', async () => {
    // given
    const xml = `${bpmnHead}<bpmn:process id="p" isExecutable="true"><bpmn:documentation>${'<b>'.repeat(50_000)}${'</b>'.repeat(50_000)}</bpmn:documentation></bpmn:process></bpmn:definitions>`;

    // when
    const error = await parseError(xml);

    // then
    expect(error.message).toContain('XML 嵌套过深');
  });

  it('should refuse entity expansion (billion laughs)', async () => {
    // given
    const entities = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)];
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&lol9;" isExecutable="true" /></bpmn:definitions>`;

    // when
    const error = await parseError(xml);

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toContain('不能包含 DOCTYPE/ENTITY 声明（第 2 行第 1 列）');
  });

  it('should refuse external entities', async () => {
    // given
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${bpmnHead}<bpmn:process id="p" name="&xxe;" isExecutable="true" /></bpmn:definitions>`;

    // when
    const error = await parseError(xml);

    // then
    expect(error.code).toBe('WF_PARSE');
    expect(error.message).toContain('DOCTYPE/ENTITY');
  });

  it('should not mistake ">" and "<!" inside attribute values, comments or CDATA for markup', async () => {
    // given: a valid model with such text in a condition, a comment and documentation
    const xml = loadFixture('complaint-handling.bpmn')
      .replace('<bpmn:process', '<!-- <!DOCTYPE in a comment is harmless --><bpmn:process')
      .replace('<bpmn:text>5 个工作日内办结</bpmn:text>', '<bpmn:text><![CDATA[<!ENTITY x "y"> <a><b>]]></bpmn:text>')
      .replace('priority="60"', 'priority="=if score > 3 then 60 else 50"');

    // when
    const model = await parseBpmn(xml);

    // then
    expect(model.processes.has('complaint-handling')).toBe(true);
  });

  it('should report unknown elements and attributes as problems instead of dropping them', async () => {
    // given
    const xml = loadFixture('complaint-handling.bpmn').replace(
      '<bpmn:manualTask id="Task_Letter" name="张贴通知">',
      '<bpmn:manualTask id="Task_Letter" name="张贴通知" priority="high">\n      <bpmn:fooMarker id="Foo_1" />\n      <zeebe:bogus />',
    );
    const line = xml.split('\n').findIndex((text) => text.includes('priority="high"')) + 1;

    // when
    const error = await parseError(xml);

    // then
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems; // checked just above
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'Task_Letter', field: 'priority', message: expect.stringContaining('无法识别的属性 "priority"'), line }),
      expect.objectContaining({ elementId: null, message: expect.stringContaining('<bpmn:fooMarker>'), line: line + 1, column: 7 }),
      expect.objectContaining({ elementId: null, message: expect.stringContaining('<zeebe:bogus>'), line: line + 2, column: 7 }),
    ]);
  });

  it('should refuse input that is not a string', async () => {
    // when
    const error = await parseError(undefined as unknown as string); // a JavaScript caller may pass anything

    // then
    expect(error.code).toBe('WF_PARSE');
  });
});
