import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Initial } from './migration-0001-initial.js';
import { Migration0002SubscriptionKind } from './migration-0002-subscription-kind.js';
import { Migration0003HistoryPerCommand } from './migration-0003-history-per-command.js';
import { Migration0004Retention } from './migration-0004-retention.js';
import { Migration0005Library } from './migration-0005-library.js';
import { Migration0006CaseSummary } from './migration-0006-case-summary.js';
import { Migration0007CalendarYears } from './migration-0007-calendar-years.js';
import { Migration0008BylawSettings } from './migration-0008-bylaw-settings.js';
import { identityMigrationName, MigrationIdentity0001 } from './migration-identity-0001.js';

/** Every migration in order; MikroORM records which ran in `mikro_orm_migrations`. */
export const allMigrations: MigrationObject[] = [
  { name: 'Migration0001Initial', class: Migration0001Initial },
  { name: 'Migration0002SubscriptionKind', class: Migration0002SubscriptionKind },
  { name: 'Migration0003HistoryPerCommand', class: Migration0003HistoryPerCommand },
  { name: 'Migration0004Retention', class: Migration0004Retention },
  { name: identityMigrationName, class: MigrationIdentity0001 },
  { name: 'Migration0005Library', class: Migration0005Library },
  { name: 'Migration0006CaseSummary', class: Migration0006CaseSummary },
  { name: 'Migration0007CalendarYears', class: Migration0007CalendarYears },
  { name: 'Migration0008BylawSettings', class: Migration0008BylawSettings },
];
