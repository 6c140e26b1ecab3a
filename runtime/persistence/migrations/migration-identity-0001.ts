import { Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/**
 * Identity and tenancy tables (issue 5): sub-district, communities, users, roles, memberships,
 * sessions, API tokens, audit log, login attempts, tracking codes, human-check challenges.
 * Generated from `runtime/identity/entities` for both dialects. Owned by the identity module.
 */
export class MigrationIdentity0001 extends Migration {
  override up(): void {
    const statements = this.driver instanceof PostgreSqlDriver ? identityPostgresStatements : identitySqliteStatements;
    for (const sql of statements) this.addSql(sql);
  }
}

/** The name MikroORM records in `mikro_orm_migrations`. */
export const identityMigrationName = 'MigrationIdentity0001';

/** Exported so the identity tests can apply them before the migration list includes them. */
export const identitySqliteStatements: readonly string[] = [
  "create table `id_api_token` (`id` text not null, `secret_hash` text not null, `community` text not null, `scope` text not null, `name` text not null, `created_by` text not null, `created_at` bigint not null, `expires_at` bigint null, `revoked_at` bigint null, `last_used_at` bigint null, primary key (`id`))",
  "create index `id_api_token_community_idx` on `id_api_token` (`community`, `created_at`)",
  "create table `id_audit_entry` (`seq` integer not null primary key autoincrement, `community` text null, `actor` text not null, `action` text not null, `target` text null, `reason` text null, `data` text not null, `at` bigint not null)",
  "create index `id_audit_community_idx` on `id_audit_entry` (`community`, `seq`)",
  "create table `id_community` (`id` text not null, `sub_district_id` text not null, `name` text not null, `created_at` bigint not null, primary key (`id`))",
  "create index `id_community_sub_district_idx` on `id_community` (`sub_district_id`)",
  "create table `id_human_challenge` (`id` text not null, `answer_hash` text not null, `expires_at` bigint not null, `used_at` bigint null, primary key (`id`))",
  "create index `id_human_challenge_expiry_idx` on `id_human_challenge` (`expires_at`)",
  "create table `id_login_attempt` (`seq` integer not null primary key autoincrement, `account` text not null, `address` text not null, `success` integer not null, `at` bigint not null)",
  "create index `id_login_attempt_account_idx` on `id_login_attempt` (`account`, `at`)",
  "create index `id_login_attempt_address_idx` on `id_login_attempt` (`address`, `at`)",
  "create table `id_membership` (`user_id` text not null, `community` text not null, `role_key` text not null, `granted_by` text not null, `granted_at` bigint not null, primary key (`user_id`, `community`, `role_key`))",
  "create index `id_membership_role_idx` on `id_membership` (`community`, `role_key`)",
  "create table `id_role` (`community` text not null, `key` text not null, `name` text not null, `created_at` bigint not null, primary key (`community`, `key`))",
  "create table `id_session` (`id_hash` text not null, `user_id` text not null, `community` text null, `csrf_token` text not null, `address` text null, `created_at` bigint not null, `expires_at` bigint not null, `revoked_at` bigint null, primary key (`id_hash`))",
  "create index `id_session_user_idx` on `id_session` (`user_id`)",
  "create table `id_sub_district` (`id` text not null, `name` text not null, `created_at` bigint not null, primary key (`id`))",
  "create table `id_tracking_code` (`code_hash` text not null, `community` text not null, `instance_id` text not null, `created_at` bigint not null, primary key (`code_hash`))",
  "create table `id_user` (`id` text not null, `display_name` text not null, `password_hash` text not null, `is_sub_district_admin` integer not null, `must_change_password` integer not null, `disabled_at` bigint null, `created_at` bigint not null, `password_changed_at` bigint not null, primary key (`id`))",
];

export const identityPostgresStatements: readonly string[] = [
  "create table \"id_api_token\" (\"id\" varchar(32) not null, \"secret_hash\" varchar(64) not null, \"community\" varchar(64) not null, \"scope\" varchar(16) not null, \"name\" varchar(255) not null, \"created_by\" varchar(128) not null, \"created_at\" bigint not null, \"expires_at\" bigint null, \"revoked_at\" bigint null, \"last_used_at\" bigint null, constraint \"id_api_token_pkey\" primary key (\"id\"))",
  "create index \"id_api_token_community_idx\" on \"id_api_token\" (\"community\", \"created_at\")",
  "create table \"id_audit_entry\" (\"seq\" serial primary key, \"community\" varchar(64) null, \"actor\" varchar(160) not null, \"action\" varchar(64) not null, \"target\" varchar(255) null, \"reason\" text null, \"data\" text not null, \"at\" bigint not null)",
  "create index \"id_audit_community_idx\" on \"id_audit_entry\" (\"community\", \"seq\")",
  "create table \"id_community\" (\"id\" varchar(64) not null, \"sub_district_id\" varchar(64) not null, \"name\" varchar(255) not null, \"created_at\" bigint not null, constraint \"id_community_pkey\" primary key (\"id\"))",
  "create index \"id_community_sub_district_idx\" on \"id_community\" (\"sub_district_id\")",
  "create table \"id_human_challenge\" (\"id\" varchar(32) not null, \"answer_hash\" varchar(64) not null, \"expires_at\" bigint not null, \"used_at\" bigint null, constraint \"id_human_challenge_pkey\" primary key (\"id\"))",
  "create index \"id_human_challenge_expiry_idx\" on \"id_human_challenge\" (\"expires_at\")",
  "create table \"id_login_attempt\" (\"seq\" serial primary key, \"account\" varchar(128) not null, \"address\" varchar(64) not null, \"success\" int not null, \"at\" bigint not null)",
  "create index \"id_login_attempt_account_idx\" on \"id_login_attempt\" (\"account\", \"at\")",
  "create index \"id_login_attempt_address_idx\" on \"id_login_attempt\" (\"address\", \"at\")",
  "create table \"id_membership\" (\"user_id\" varchar(128) not null, \"community\" varchar(64) not null, \"role_key\" varchar(64) not null, \"granted_by\" varchar(128) not null, \"granted_at\" bigint not null, constraint \"id_membership_pkey\" primary key (\"user_id\", \"community\", \"role_key\"))",
  "create index \"id_membership_role_idx\" on \"id_membership\" (\"community\", \"role_key\")",
  "create table \"id_role\" (\"community\" varchar(64) not null, \"key\" varchar(64) not null, \"name\" varchar(255) not null, \"created_at\" bigint not null, constraint \"id_role_pkey\" primary key (\"community\", \"key\"))",
  "create table \"id_session\" (\"id_hash\" varchar(64) not null, \"user_id\" varchar(128) not null, \"community\" varchar(64) null, \"csrf_token\" varchar(64) not null, \"address\" varchar(64) null, \"created_at\" bigint not null, \"expires_at\" bigint not null, \"revoked_at\" bigint null, constraint \"id_session_pkey\" primary key (\"id_hash\"))",
  "create index \"id_session_user_idx\" on \"id_session\" (\"user_id\")",
  "create table \"id_sub_district\" (\"id\" varchar(64) not null, \"name\" varchar(255) not null, \"created_at\" bigint not null, constraint \"id_sub_district_pkey\" primary key (\"id\"))",
  "create table \"id_tracking_code\" (\"code_hash\" varchar(64) not null, \"community\" varchar(64) not null, \"instance_id\" varchar(32) not null, \"created_at\" bigint not null, constraint \"id_tracking_code_pkey\" primary key (\"code_hash\"))",
  "create table \"id_user\" (\"id\" varchar(128) not null, \"display_name\" varchar(255) not null, \"password_hash\" varchar(255) not null, \"is_sub_district_admin\" int not null, \"must_change_password\" int not null, \"disabled_at\" bigint null, \"created_at\" bigint not null, \"password_changed_at\" bigint not null, constraint \"id_user_pkey\" primary key (\"id\"))",
];
