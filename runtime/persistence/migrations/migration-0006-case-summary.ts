import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { BACKFILL_CASE_SUMMARIES } from '../../stats/case-summary.js';

/**
 * The per-case summary the statistics read (issue 10), filled at once from the cases a database
 * already holds; from then on the command processor keeps each row current.
 */
export class Migration0006CaseSummary extends Migration {
  override up(): void {
    const statements = this.driver instanceof PostgreSqlDriver ? postgresql : sqlite;
    for (const sql of statements) this.addSql(sql);
    this.addSql(BACKFILL_CASE_SUMMARIES);
  }
}

const sqlite: readonly string[] = [
  'create table `wf_case_summary` (`instance_id` text not null, `community` text not null, `process_key` text not null, `status` text not null, `started_at` bigint not null, `ended_at` bigint null, `first_task_status` text null, `first_task_due_at` bigint null, `first_task_completed_at` bigint null, `satisfaction` text null, `overdue` integer not null, `category` text null, `building` double null, `handler` text null, primary key (`instance_id`))',
  'create index `wf_case_summary_started_idx` on `wf_case_summary` (`community`, `started_at`)',
];

const postgresql: readonly string[] = [
  'create table "wf_case_summary" ("instance_id" varchar(32) not null, "community" varchar(64) not null, "process_key" varchar(255) not null, "status" varchar(16) not null, "started_at" bigint not null, "ended_at" bigint null, "first_task_status" varchar(16) null, "first_task_due_at" bigint null, "first_task_completed_at" bigint null, "satisfaction" varchar(200) null, "overdue" int not null, "category" varchar(200) null, "building" double precision null, "handler" varchar(200) null, constraint "wf_case_summary_pkey" primary key ("instance_id"))',
  'create index "wf_case_summary_started_idx" on "wf_case_summary" ("community", "started_at")',
];
