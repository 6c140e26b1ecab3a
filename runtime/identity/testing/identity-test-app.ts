import type { FastifyInstance } from 'fastify';
import { testConfig } from '../../../tests/api/test-app.js';
import { buildApp } from '../../app.js';
import type { InternalServiceOptions } from '../../services/create-workflow-service.js';
import { createServiceHarness, type ServiceHarness } from '../../services/test-service.js';
import type { SqlWorkflowService } from '../../services/sql-workflow-service.js';
import { IdentityService, type IdentityServiceOptions } from '../identity-service.js';
import { installIdentity } from '../install-identity.js';

export interface IdentityTestApp {
  readonly app: FastifyInstance;
  readonly harness: ServiceHarness;
  readonly workflow: SqlWorkflowService;
  readonly identity: IdentityService;
  close(): Promise<void>;
}

/**
 * The runtime's HTTP app exactly as `buildApp` composes it, with the identity plugin in place
 * of the development header identity, on a throwaway database (SQLite, or PostgreSQL with
 * DATABASE_URL).
 */
export async function buildIdentityTestApp(
  options: Partial<Omit<IdentityServiceOptions, 'db'>> & { env?: Record<string, string>; workflowOptions?: Partial<InternalServiceOptions> } = {},
): Promise<IdentityTestApp> {
  const harness = await createServiceHarness();
  const { env, workflowOptions, ...serviceOptions } = options;
  const workflow = await harness.open(workflowOptions);
  const { db } = workflow;
  const service = new IdentityService({ db, now: harness.clock.now, ...serviceOptions });
  const app = await buildApp({ config: testConfig(env), service: workflow, identity: installIdentity(service), logger: false });
  return {
    app,
    harness,
    workflow,
    identity: service,
    async close() {
      await app.close();
      await harness.dispose();
    },
  };
}
