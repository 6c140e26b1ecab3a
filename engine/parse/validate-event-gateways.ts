import type { ValidationContext } from './validation-context.js';

/** What an event-based gateway may wait for (as in Camunda 8). */
const waitableKinds = new Set(['message', 'timer', 'signal']);

/** An event-based gateway waits for one of at least two events; it leads only to catching events. */
export function validateEventGateways({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    for (const gateway of process.elements.values()) {
      if (gateway.kind !== 'eventBasedGateway') continue;
      if (gateway.outgoing.length === 1) {
        report.add(gateway, 'outgoing', '事件网关至少需要两条出口，分别等待不同的事件', 'an event-based gateway needs at least two outgoing flows, each waiting for an event');
      }
      for (const flowId of gateway.outgoing) {
        const targetId = process.flows.get(flowId)?.targetId;
        const target = targetId === undefined ? undefined : process.elements.get(targetId);
        if (!target) continue;
        const waits =
          target.kind === 'receiveTask' || (target.kind === 'intermediateCatchEvent' && waitableKinds.has(target.event.kind));
        if (!waits) {
          report.add(
            gateway,
            'outgoing',
            `事件网关的出口 ${flowId} 必须连到消息、定时或信号中间捕获事件（或接收任务），"${target.id}" 不是`,
            `the event-based gateway's flow ${flowId} must lead to a message, timer or signal intermediate catch event (or a receive task); "${target.id}" is not one`,
          );
        }
      }
    }
  }
}
