import type { SqlDatabase } from '../../persistence/sql-database.js';
import type { AcquiredJob } from '../job-store.js';
import type { SqlWorkflowService } from '../sql-workflow-service.js';

/** Job types the runtime carries out itself; any other type waits for an external worker. */
export const BUILT_IN_JOB_TYPES = {
  notify: 'linli:notify:1',
  webhook: 'linli:webhook:1',
  publicReply: 'linli:public-reply:1',
} as const;

/** What a connector may use. */
export interface ConnectorContext {
  readonly service: SqlWorkflowService;
  readonly db: SqlDatabase;
  /** Lock owner name of this node's executor. */
  readonly worker: string;
  readonly now: () => number;
  readonly newId: () => string;
  /** URL prefixes the webhook connector may call. */
  readonly webhookAllowList: readonly string[];
}

/**
 * Carries out one acquired job: completes it (with its rows in the same transaction) or throws;
 * the executor turns a throw into a failure with back-off, and an incident when retries run out.
 * A `PermanentJobError` skips the remaining retries (the configuration is wrong, retrying cannot help).
 */
export type Connector = (job: AcquiredJob, context: ConnectorContext) => Promise<void>;

export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
