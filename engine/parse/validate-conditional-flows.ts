import type { ValidationContext } from './validation-context.js';

/**
 * Conditions are only evaluated by exclusive and inclusive gateways (as in Camunda 8); a
 * condition anywhere else would silently be ignored, so it is refused.
 */
export function validateConditionalFlows({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    for (const flow of process.flows.values()) {
      if (flow.condition === null) continue;
      const source = process.elements.get(flow.sourceId);
      if (!source || source.kind === 'exclusiveGateway' || source.kind === 'inclusiveGateway') continue;
      report.add(
        { id: flow.id, bpmnType: 'bpmn:SequenceFlow' },
        'conditionExpression',
        `只有排他网关和包容网关的出口可以带条件，"${flow.sourceId}" 不是网关；请在它后面加一个排他网关`,
        `only flows leaving an exclusive or inclusive gateway may have a condition; "${flow.sourceId}" is not one — add an exclusive gateway after it`,
      );
    }
  }
}
