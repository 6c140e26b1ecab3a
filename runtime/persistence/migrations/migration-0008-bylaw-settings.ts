import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** Each community's bylaw settings (规约参数), which every new case reads as the variable `bylaw`. */
export class Migration0008BylawSettings extends Migration {
  override up(): void {
    const statements = this.driver instanceof PostgreSqlDriver ? postgresql : sqlite;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite: readonly string[] = [
  'create table `wf_bylaw_settings` (`community` text not null primary key, `settings` text not null, `updated_by` text not null, `updated_at` bigint not null)',
];

const postgresql: readonly string[] = [
  'create table "wf_bylaw_settings" ("community" varchar(64) not null, "settings" text not null, "updated_by" varchar(128) not null, "updated_at" bigint not null, constraint "wf_bylaw_settings_pkey" primary key ("community"))',
];
