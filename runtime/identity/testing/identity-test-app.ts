import type { FastifyInstance } from 'fastify';
import { testConfig } from '../../../tests/api/test-app.js';
import { buildApp } from '../../app.js';
import { allMigrations } from '../../persistence/migrations/all-migrations.js';
import { identityMigrationName, identityPostgresStatements, identitySqliteStatements } from '../../persistence/migrations/migration-identity-0001.js';
import type { SqlDatabase } from '../../persistence/sql-database.js';
import { createServiceHarness, type ServiceHarness } from '../../services/test-service.js';
import type { SqlWorkflowService } from '../../services/sql-workflow-service.js';
import { IdentityService, type IdentityServiceOptions } from '../identity-service.js';
import { installIdentity } from '../install-identity.js';

/**
 * The workflow service's database connection. The identity tables must live on the same
 * connection (SQLite has one writer per process); until the service exposes it, read it here.
 */
export function sharedDatabase(service: SqlWorkflowService): SqlDatabase {
  return Reflect.get(service, 'db') as SqlDatabase; // SqlWorkflowService keeps `db` private; tests only
}

/** Applies the identity migration when the runtime's migration list does not include it yet. */
export async function ensureIdentitySchema(db: SqlDatabase): Promise<void> {
  if (allMigrations.some((migration) => migration.name === identityMigrationName)) return;
  const probe = db.dialect === 'sqlite' ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'id_user'" : "SELECT to_regclass('id_user') AS name";
  const row = await db.get(probe);
  if (row !== undefined && row.name !== null) return;
  const statements = db.dialect === 'sqlite' ? identitySqliteStatements : identityPostgresStatements;
  await db.transaction(async (tx) => {
    for (const sql of statements) await tx.run(sql);
  });
}

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
export async function buildIdentityTestApp(options: Partial<Omit<IdentityServiceOptions, 'db'>> & { env?: Record<string, string> } = {}): Promise<IdentityTestApp> {
  const harness = await createServiceHarness();
  const workflow = await harness.open();
  const db = sharedDatabase(workflow);
  await ensureIdentitySchema(db);
  const { env, ...serviceOptions } = options;
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
