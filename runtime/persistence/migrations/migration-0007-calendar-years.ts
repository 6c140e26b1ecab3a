import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** Calendar years (holidays and 调休 working days) uploaded by a sub-district admin, so every node sees them. */
export class Migration0007CalendarYears extends Migration {
  override up(): void {
    const statements = this.driver instanceof PostgreSqlDriver ? postgresql : sqlite;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite: readonly string[] = [
  'create table `wf_calendar_year` (`year` integer not null primary key, `data` text not null, `updated_by` text not null, `updated_at` bigint not null)',
];

const postgresql: readonly string[] = [
  'create table "wf_calendar_year" ("year" int not null, "data" text not null, "updated_by" varchar(128) not null, "updated_at" bigint not null, constraint "wf_calendar_year_pkey" primary key ("year"))',
];
