import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * History is written one row per command (events as a JSON array) and cleaned up per finished
 * instance, so the per-row time index only cost writes.
 */
export class Migration0003HistoryPerCommand extends Migration {
  override up(): void {
    this.addSql(this.driver instanceof PostgreSqlDriver ? 'drop index "wf_history_time_idx"' : 'drop index `wf_history_time_idx`');
  }
}
