import { UnavailableError } from '../services/errors.js';
import type { WorkflowService } from '../services/workflow-service.js';

/**
 * A stand-in service that answers every call with 503 and a reason: the base of the HTTP
 * layer's test fakes (override only the methods a test needs), and a way to serve docs and the
 * designer without a database.
 */
export function unavailableWorkflowService(reason: string): WorkflowService {
  const refuse = async (): Promise<never> => {
    throw new UnavailableError(`工作流服务不可用 / workflow service unavailable: ${reason}`);
  };
  return {
    deployDefinition: refuse,
    listDefinitions: refuse,
    listDefinitionVersions: refuse,
    getDefinition: refuse,
    getDefinitionVersion: refuse,
    startInstance: refuse,
    getInstance: refuse,
    listInstances: refuse,
    listHistory: refuse,
    cancelInstance: refuse,
    updateVariables: refuse,
    queryTasks: refuse,
    getTask: refuse,
    getTaskView: refuse,
    claimTask: refuse,
    unclaimTask: refuse,
    assignTask: refuse,
    completeTask: refuse,
    addComment: refuse,
    listComments: refuse,
    addAttachment: refuse,
    listAttachments: refuse,
    getAttachment: refuse,
    publishMessage: refuse,
    broadcastSignal: refuse,
    listIncidents: refuse,
    retryIncident: refuse,
    activateJobs: refuse,
    completeJob: refuse,
    failJob: refuse,
    throwJobError: refuse,
    listNotifications: refuse,
    markNotificationRead: refuse,
    onCommitted: () => () => undefined,
    ping: refuse,
    close: async () => undefined,
  };
}
