import { describe, expect, it } from 'vitest';
import { computeInclusiveReachability } from './inclusive-reachability.js';
import { loadFixture } from '../../tests/helpers/load-parse-fixture.js';
import { analyseBpmn, parseBpmn } from './parse-bpmn.js';

describe('computeInclusiveReachability', () => {
  it('should give up instead of exhausting memory on a model with too many join paths', async () => {
    // given
    const model = await parseBpmn(loadFixture('terminate-and-loop.bpmn'));
    const process = model.processes.get('review-rounds');
    if (!process) throw new Error('process missing');

    // when
    const generous = computeInclusiveReachability(process.elements, process.flows, 100);
    const tight = computeInclusiveReachability(process.elements, process.flows, 5);

    // then
    expect(generous?.get('Gateway_Join')?.size).toBe(8);
    expect(tight).toBeNull();
  });

  it('should let a token leave an activity through its boundary event and a link throw reach its catch', async () => {
    // given: the events fixture, where the timer boundary leads through a link to the join's side
    const xml = loadFixture('event-elements.bpmn').replace(
      '<bpmn:exclusiveGateway id="Gateway_ToScore">',
      '<bpmn:inclusiveGateway id="Gateway_ToScore">',
    ).replace('</bpmn:exclusiveGateway>\n    <bpmn:userTask id="Task_Score"', '</bpmn:inclusiveGateway>\n    <bpmn:userTask id="Task_Score"');
    const { model } = await analyseBpmn(xml);

    // when
    const reach = model.processes.get('complaint-events')?.canReachInclusiveJoin.get('Gateway_ToScore');

    // then
    expect(reach?.has('Link_Catch')).toBe(true);
    expect(reach?.has('Link_Throw')).toBe(true);
    expect(reach?.has('Boundary_Timeout')).toBe(true);
    expect(reach?.has('Task_Handle')).toBe(true);
    expect(reach?.has('Boundary_Reply')).toBe(false);
    expect(reach?.has('EventSub_Typhoon')).toBe(false);
  });
});
