import { isNode, nodesOf, text, type LintRuleFactory } from '../lint-node.js';

/**
 * Every outgoing branch of a splitting exclusive or inclusive gateway needs a condition, except
 * the one marked as default: otherwise a case can get stuck at the gateway.
 */
export const gatewayBranchCondition: LintRuleFactory = () => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:ExclusiveGateway' && node.$type !== 'bpmn:InclusiveGateway') return;
    const outgoing = nodesOf(node, 'outgoing');
    if (outgoing.length < 2) return;
    const defaultFlow = isNode(node.default) ? node.default : undefined;
    for (const flow of outgoing) {
      if (flow === defaultFlow) continue;
      const condition = flow.conditionExpression;
      const body = isNode(condition) ? text(condition.body) : '';
      if (body === '' || body === '=') reporter.report(flow.id, '分支没有条件：请设置条件，或把它设为默认分支');
    }
  },
});
