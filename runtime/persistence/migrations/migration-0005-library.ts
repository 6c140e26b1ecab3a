import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** The library's drafts and template origins, in the database rather than JSON files under DATA_DIR. */
export class Migration0005Library extends Migration {
  override up(): void {
    const statements = this.driver instanceof PostgreSqlDriver ? postgresql : sqlite;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite: readonly string[] = [
  'create table `wf_library_record` (`community` text not null, `kind` text not null, `item_key` text not null, `template_key` text null, `template_hash` text null, `draft_content` text null, `draft_updated_by` text null, `draft_updated_at` bigint null, `revision` integer not null, primary key (`community`, `kind`, `item_key`))',
];

const postgresql: readonly string[] = [
  'create table "wf_library_record" ("community" varchar(64) not null, "kind" varchar(16) not null, "item_key" varchar(255) not null, "template_key" varchar(255) null, "template_hash" varchar(64) null, "draft_content" text null, "draft_updated_by" varchar(128) null, "draft_updated_at" bigint null, "revision" int not null, constraint "wf_library_record_pkey" primary key ("community", "kind", "item_key"))',
];
