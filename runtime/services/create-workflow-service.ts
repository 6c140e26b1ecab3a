import { UnsupportedError } from './errors.js';
import type { WorkflowService, WorkflowServiceOptions } from './workflow-service.js';

/**
 * Opens the database (running migrations), starts the job executor and returns the service.
 * Placeholder until the persistence lands; the signature is final.
 */
export async function createWorkflowService(options: WorkflowServiceOptions = {}): Promise<WorkflowService> {
  void options;
  throw new UnsupportedError('workflow service (being built)');
}
