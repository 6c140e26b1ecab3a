import type { JsonObject } from '../../engine/state/json.js';
import type { Command } from '../../engine/step/command.js';
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
  /** Commands on other (or the same) instances that this command causes, run in the same transaction. */
  readonly followUps: FollowUp[];
}

/** Work an effect asks for beyond rows: the command processor runs it in the same transaction, in order. */
export type FollowUp =
  | { readonly kind: 'command'; readonly instanceId: string; readonly command: Command }
  | {
      readonly kind: 'createChild';
      readonly parentInstanceId: string;
      readonly elementInstanceId: string;
      readonly childInstanceId: string;
      readonly processId: string;
      readonly variables: JsonObject;
    };
