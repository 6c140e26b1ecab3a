import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** Signal subscriptions share the message subscription table, told apart by `kind`. */
export class Migration0002SubscriptionKind extends Migration {
  override up(): void {
    const statements = this.driver instanceof PostgreSqlDriver ? postgresql : sqlite;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite: readonly string[] = [
  "alter table `wf_message_subscription` add column `kind` text not null default 'message'",
  'drop index `wf_subscription_lookup_idx`',
  'create index `wf_subscription_match_idx` on `wf_message_subscription` (`community`, `kind`, `message_name`, `correlation_key`)',
];

const postgresql: readonly string[] = [
  `alter table "wf_message_subscription" add column "kind" varchar(16) not null default 'message'`,
  'drop index "wf_subscription_lookup_idx"',
  'create index "wf_subscription_match_idx" on "wf_message_subscription" ("community", "kind", "message_name", "correlation_key")',
];
