import type { ValidationContext } from './validation-context.js';

/**
 * Gateways must lead somewhere, and an exclusive or inclusive split must be able to decide:
 * with several outgoing flows, each needs a condition unless one of them is the default.
 */
export function validateGateways({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    for (const element of process.elements.values()) {
      if (element.kind !== 'exclusiveGateway' && element.kind !== 'inclusiveGateway' && element.kind !== 'parallelGateway' && element.kind !== 'eventBasedGateway') continue;
      if (element.outgoing.length === 0) {
        report.add(element, 'outgoing', '网关没有出口顺序流，流程会停在这里', 'the gateway has no outgoing sequence flow, so the process would stop here');
        continue;
      }
      if (element.kind !== 'exclusiveGateway' && element.kind !== 'inclusiveGateway') continue;
      if (element.outgoing.length < 2 || element.defaultFlowId !== null) continue;
      const unconditioned = element.outgoing.filter((flowId) => process.flows.get(flowId)?.condition === null);
      if (unconditioned.length === 0) continue;
      report.add(
        element,
        'conditionExpression',
        `网关有多条出口，但顺序流 ${unconditioned.join('、')} 没有条件，也没有设置默认流`,
        `the gateway has several outgoing flows but ${unconditioned.join(', ')} ha${unconditioned.length === 1 ? 's' : 've'} no condition and there is no default flow`,
      );
    }
  }
}
