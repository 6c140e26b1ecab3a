import { NotFoundError } from './errors.js';
import type { DefinitionKind, WorkflowService } from './workflow-service.js';

/** Whether the community has any version of this process or form. */
export async function hasDefinition(service: Pick<WorkflowService, 'getDefinition'>, community: string, kind: DefinitionKind, key: string): Promise<boolean> {
  try {
    await service.getDefinition({ community, kind, key });
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}
