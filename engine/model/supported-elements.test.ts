import { describe, expect, it } from 'vitest';
import { elementSupport, renderSupportTableMarkdown, supportedElements } from './supported-elements.js';

describe('supported elements table', () => {
  it('should support the elements of the engine core', () => {
    // then
    for (const [type, kind] of [
      ['bpmn:StartEvent', 'none'],
      ['bpmn:EndEvent', 'none'],
      ['bpmn:EndEvent', 'terminate'],
      ['bpmn:UserTask'],
      ['bpmn:ServiceTask'],
      ['bpmn:InclusiveGateway'],
      ['bpmn:SubProcess'],
      ['bpmn:SequenceFlow'],
      ['bpmn:TextAnnotation'],
    ] as const) {
      expect(elementSupport(type, kind).status, `${type} ${kind ?? ''}`).toBe('supported');
    }
  });

  it('should refuse what no issue has asked for yet, with a reason', () => {
    // then
    for (const [type, kind] of [
      ['bpmn:BoundaryEvent', 'compensate'],
      ['bpmn:StartEvent', 'conditional'],
      ['bpmn:EndEvent', 'cancel'],
      ['bpmn:ComplexGateway'],
      ['bpmn:Transaction'],
      ['bpmn:AdHocSubProcess'],
      ['bpmn:StandardLoopCharacteristics'],
    ] as const) {
      const support = elementSupport(type, kind);
      expect(support.status, type).toBe('notYet');
      expect(support.entry?.reason?.zh, type).toBeTruthy();
    }
  });

  it('should tell an event sub-process from an embedded one', () => {
    // when
    const embedded = elementSupport('bpmn:SubProcess');
    const eventSubProcess = elementSupport('bpmn:SubProcess', null, { triggeredByEvent: true });

    // then
    expect(embedded.entry?.label.en).toBe('embedded sub-process');
    expect(eventSubProcess.entry?.label.en).toBe('event sub-process');
  });

  it('should treat element types missing from the table as not supported', () => {
    // when
    const unknown = elementSupport('bpmn:ChoreographyTask');

    // then
    expect(unknown).toEqual({ status: 'notYet', entry: null });
  });

  it('should give every row bilingual labels, and every refused row a reason', () => {
    // then
    for (const entry of supportedElements) {
      expect(entry.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.label.en).toMatch(/^[a-z]/);
      if (entry.status === 'notYet') expect(entry.reason, entry.label.en).toBeDefined();
    }
  });

  it('should list each element and event kind once', () => {
    // when
    const keys = supportedElements.map((e) => `${e.bpmnType}|${e.eventKind ?? ''}|${e.triggeredByEvent ? 'event' : ''}`);

    // then
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should render the README table with one row per entry', () => {
    // when
    const markdown = renderSupportTableMarkdown();

    // then
    const rows = markdown.trim().split('\n');
    expect(rows.length).toBe(supportedElements.length + 2);
    expect(markdown).toContain('| 任务 / Tasks | 用户任务 / user task | `bpmn:UserTask` | ✅ 支持 / supported |  |');
    expect(markdown).toContain('| 事件 / Events | 补偿边界事件 / compensation boundary event | `bpmn:BoundaryEvent` (compensate) | ⏳ 暂不支持 / not yet | 本引擎暂不支持');
  });
});
