import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** Retention policies per process, and the index the clean-up walks. */
export class Migration0004Retention extends Migration {
  override up(): void {
    const statements = this.driver instanceof PostgreSqlDriver ? postgresql : sqlite;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite: readonly string[] = [
  'create table `wf_retention_policy` (`community` text not null, `process_key` text not null, `retain_days` integer not null, `updated_by` text not null, `updated_at` bigint not null, primary key (`community`, `process_key`))',
  'create index `wf_instance_retention_idx` on `wf_process_instance` (`community`, `process_key`, `ended_at`)',
];

const postgresql: readonly string[] = [
  'create table "wf_retention_policy" ("community" varchar(64) not null, "process_key" varchar(255) not null, "retain_days" int not null, "updated_by" varchar(128) not null, "updated_at" bigint not null, constraint "wf_retention_policy_pkey" primary key ("community", "process_key"))',
  'create index "wf_instance_retention_idx" on "wf_process_instance" ("community", "process_key", "ended_at")',
];
