import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../runtime/app.js';
import { createServiceHarness, type ServiceHarness } from '../../runtime/services/test-service.js';
import { testConfig } from './test-app.js';

/** The HTTP app on the real workflow service over a throwaway database (SQLite, or PostgreSQL with DATABASE_URL). */
export async function buildRealApp(env: Record<string, string> = {}): Promise<{ app: FastifyInstance; harness: ServiceHarness; close(): Promise<void> }> {
  const harness = await createServiceHarness();
  const service = await harness.open();
  const app = await buildApp({ config: testConfig(env), service, logger: false });
  return {
    app,
    harness,
    async close() {
      await app.close();
      await harness.dispose();
    },
  };
}
