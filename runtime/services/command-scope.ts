import type { SqlTx } from '../persistence/sql-database.js';
import type { CommittedEvent, TaskView } from './workflow-service.js';

/** What one command's writes share: the transaction, the instance, the clock, and what to report after commit. */
export interface CommandScope {
  readonly tx: SqlTx;
  readonly community: string;
  readonly instanceId: string;
  readonly definitionId: string;
  readonly processKey: string;
  readonly businessKey: string | null;
  readonly now: number;
  /** The acting user, worker or `system`. */
  readonly actor: string;
  readonly newId: () => string;
  /** After a failed job: how long before it may run again. */
  readonly retryBackoffMs?: number;
  /** Collected during the command, emitted after commit. */
  readonly committed: CommittedEvent[];
  readonly createdTasks: TaskView[];
}
