import { describe, expect, it } from 'vitest';
import type { JobData, JsonObject } from '../../engine/index.js';
import { EventsHost } from '../features/events/helpers/events-host.js';
import { haveCorpora, readCorpus } from './corpora.js';

/**
 * BPMN MIWG C.9.0–C.9.2 "Customer Onboarding" (Reference/, exported by Camunda Web Modeler in
 * the zeebe dialect): deployed together and run to their ends with scripted workers, messages
 * and clock moves. C.9.0 calls C.9.2 (ManualCheck), which calls C.9.1 (requestDocument_en).
 */
const MONDAY = Date.parse('2026-11-02T09:00:00+08:00');

const applicant: JsonObject = {
  applicant: { name: '李娜', email: 'lina@example.com', age: 34 },
  applicationNumber: 'A-2026-001',
  product: '家财险',
  corporation: '邻里保险',
  fraudSuspectedId: 'F-1',
};

interface Scripted {
  host: EventsHost;
  calls: string[];
}

async function onboarding(riskLevel: string, risks: string[] = []): Promise<Scripted> {
  const host = await EventsHost.deployXml(['C.9.1.bpmn', 'C.9.2.bpmn', 'C.9.0.bpmn'].map((f) => readCorpus(`miwg/Reference/${f}`)), { now: MONDAY });
  const calls: string[] = [];
  const record = (name: string, out: JsonObject = {}) => async (job: JobData) => {
    calls.push(`${name}:${job.elementId}`);
    return out;
  };
  host.registerWorker('calculateScore', record('calculateScore', { score: 710 }));
  host.registerWorker('dmn-decision', async (job) => {
    calls.push(`decision:${job.headers.decisionId ?? ''}`);
    return { [job.headers.resultVariable ?? 'result']: { riskLevel: [riskLevel], risk: risks } };
  });
  for (const type of ['issuePolicy', 'rejectPolicy', 'io.camunda:sendgrid:1', 'reportFraud', 'email', 'notifyCustomerDelay', 'cancelApplication', 'informCustomerSuccessfulCancelation', 'informOperationsSuccessfulCancelation', 'timeoutHandled']) {
    host.registerWorker(type, record(type));
  }
  return { host, calls };
}

describe.skipIf(!haveCorpora)('MIWG C.9 Customer Onboarding (Camunda Web Modeler, zeebe)', () => {
  it('C.9.0 green: should issue the policy automatically', async () => {
    // given
    const { host, calls } = await onboarding('green');

    // when
    const id = await host.start('customer_onboarding_en', applicant);

    // then
    expect(host.status(id)).toBe('completed');
    expect(calls).toEqual(['calculateScore:ServiceTask_GetCreditScore', 'decision:risk_check', 'issuePolicy:ServiceTask_DeliverPolicy', 'io.camunda:sendgrid:1:SendTask_SendPolicy']);
    expect(host.history(id, 'completed')).toContain('EndEvent_ApplicationIssued');
    expect(host.variables(id)).toMatchObject({ riskLevels: ['green'], risks: [], documentReferenceId: expect.any(String) });
  });

  it('C.9.0 red: should reject the application automatically', async () => {
    // given
    const { host, calls } = await onboarding('red', ['既往理赔']);

    // when
    const id = await host.start('customer_onboarding_en', applicant);

    // then
    expect(host.status(id)).toBe('completed');
    expect(calls.slice(2)).toEqual(['rejectPolicy:ServiceTask_RejectPolicy', 'io.camunda:sendgrid:1:SendTask_SendRejection']);
    expect(host.history(id, 'completed')).toContain('EndEvent_ApplicationRejected');
  });

  it('C.9.0 yellow → C.9.2 → C.9.1: documents requested and received, decision accelerated, then approved', async () => {
    // given: the decision variable is set before the call (C.9.0 calls ManualCheck without propagating its variables back)
    const { host, calls } = await onboarding('yellow', ['年龄', '职业']);
    const id = await host.start('customer_onboarding_en', { ...applicant, approved: true });
    const [manual] = host.engine.childrenOf(id);
    if (!manual) throw new Error('ManualCheck was not called');
    expect(host.instance(manual).processId).toBe('ManualCheck');
    const decide = host.task(manual, 'UserTask_DecideOnApplication');
    expect(decide.candidateGroups).toEqual(['clerks']);
    const key = String(host.variables(id).documentReferenceId);

    // when: the clerk asks for two documents
    const requested = await host.publish('Message_DocumentRequested', key, { documents: ['身份证', '收入证明'] });

    // then: one C.9.1 instance per document, each sent its request e-mail and waits for the answer
    expect(requested.correlated).toEqual([{ instanceId: manual, elementId: 'StartMessageEvent_DocumentRequested' }]);
    const documentRequests = host.engine.childrenOf(manual);
    expect(documentRequests).toHaveLength(2);
    for (const request of documentRequests) expect(host.subscriptions(request)).toEqual(['ReceiveTask_WaitForDocument']);
    expect(calls.filter((c) => c === 'email:SendTask_RequestDocument')).toHaveLength(2);

    // when: a day passes: the daily reminder (R6/P1D, non-interrupting) goes out
    await host.advance('P1D');

    // then
    expect(calls.filter((c) => c === 'email:SendTask_SendReminderEmail')).toHaveLength(2);

    // when: the answer arrives (both requests wait on the same reference id)
    const received = await host.publish('MESSAGE_documentReceived', key, { documentOk: true });

    // then
    expect(received.correlated).toHaveLength(2);
    for (const request of documentRequests) expect(host.status(request)).toBe('completed');
    expect(host.count(manual, 'Activity_0uvp3cb', 'completed')).toBe(1);

    // when: five days after the start the accelerated-decision timer (R1/P5D) fires
    await host.advance('P4D');

    // then
    expect(calls).toContain('notifyCustomerDelay:SendTask_NotifyCustomerDelay');
    expect(host.openTasks(manual)).toEqual(['UserTask_AccelerateDecision', 'UserTask_DecideOnApplication']);

    // when
    await host.complete(manual, 'UserTask_AccelerateDecision');
    await host.complete(manual, 'UserTask_DecideOnApplication', { approved: true });

    // then
    expect(host.status(manual)).toBe('completed');
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'completed')).toContain('EndEvent_ApplicationIssued');
    expect(host.engine.pendingTimers()).toEqual([]);
  });

  it('C.9.0 yellow: a fraud found in C.9.2 reaches the error boundary of the call activity and terminates', async () => {
    // given
    const { host, calls } = await onboarding('yellow');
    const id = await host.start('customer_onboarding_en', applicant);
    const [manual] = host.engine.childrenOf(id);
    if (!manual) throw new Error('ManualCheck was not called');

    // when
    await host.publish('Message_FraudSuspected', 'F-1');
    await host.complete(manual, 'UserTask_CheckForFraud', { fraud: true });

    // then
    expect(calls).toContain('reportFraud:SendTask_ReportFraud');
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'completed')).toContain('TerminateEvent_ApplicationCanceledFraud');
    expect(host.status(manual)).not.toBe('active');
    expect(host.engine.userTasks()).toEqual([]);
  });

  it('C.9.0 yellow: a cancellation request cancels the manual check and notifies customer and operations', async () => {
    // given
    const { host, calls } = await onboarding('yellow');
    const id = await host.start('customer_onboarding_en', applicant);
    const [manual] = host.engine.childrenOf(id);
    if (!manual) throw new Error('ManualCheck was not called');

    // when: the subscription's correlation key is the FEEL number `=01`
    const result = await host.publish('Message_CancellationRequested', '1');

    // then
    expect(result.correlated).toEqual([{ instanceId: id, elementId: 'StartMessageEvent_CancellationRequested' }]);
    expect(host.status(manual)).toBe('terminated');
    expect(calls.slice(-3).sort()).toEqual(
      ['cancelApplication:ServiceTask_CancelApplication', 'informCustomerSuccessfulCancelation:EndMessageEvent_InformCustomer', 'informOperationsSuccessfulCancelation:EndMessageEvent_InformOperations'].sort(),
    );
    expect(host.status(id)).toBe('completed');
    expect(host.engine.pendingTimers()).toEqual([]);
  });

  it('C.9.1: should remind daily six times, then after seven days hand over to a call', async () => {
    // given
    const { host, calls } = await onboarding('green');
    const id = await host.start('requestDocument_en', { documentReferenceId: 'D-7' });

    // when
    await host.advance('P7D');

    // then
    expect(calls.filter((c) => c === 'email:SendTask_SendReminderEmail')).toHaveLength(6);
    expect(host.openTasks(id)).toEqual(['UserTask_CallCustomer']);
    expect(host.subscriptions(id)).toEqual([]);
    expect(host.timers(id)).toEqual([]);

    // when
    await host.complete(id, 'UserTask_CallCustomer');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'completed')).toContain('EndEvent_TalkedToCustomer');
  });

  it('C.9.2 on its own: the 7-day timeout throws an error nobody catches, an incident at the error end event', async () => {
    // given
    const { host } = await onboarding('green');
    const id = await host.start('ManualCheck', { ...applicant, risks: ['年龄'], documentReferenceId: 'D-8' });
    expect(host.task(id, 'UserTask_DecideOnApplication')).toBeDefined();

    // when
    await host.advance('P7D');

    // then
    expect(host.status(id)).toBe('active');
    expect(host.instance(id).incidents).toMatchObject([{ elementId: 'ErrorEndEvent_Timeout' }]);
  });
});
