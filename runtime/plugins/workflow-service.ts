import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { WorkflowService } from '../services/workflow-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    workflow: WorkflowService;
  }
}

export interface WorkflowServicePluginOptions {
  readonly service: WorkflowService;
}

/** Makes the workflow service available to every route as `app.workflow`. Its owner closes it. */
async function workflowServicePlugin(app: FastifyInstance, options: WorkflowServicePluginOptions): Promise<void> {
  app.decorate('workflow', options.service);
}

export const workflowService = fp(workflowServicePlugin, { name: 'workflow-service' });
