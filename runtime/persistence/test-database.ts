import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { OpenDatabaseOptions } from './open-database.js';

/** A throwaway database for one test file: an SQLite file in a temp dir, or a fresh PostgreSQL database when `DATABASE_URL` is set. */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgresql';
  readonly options: OpenDatabaseOptions;
  /** Removes the file / drops the database. Close every ORM on it first. */
  drop(): Promise<void>;
}

/** Creates a test database (PostgreSQL when `DATABASE_URL` is set, else SQLite). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `linli_test_${randomBytes(6).toString('hex')}`;
    await adminExecute(adminUrl, `create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      kind: 'postgresql',
      options: { databaseUrl: url.toString() },
      drop: () => adminExecute(adminUrl, `drop database if exists "${name}" with (force)`),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'linli-test-'));
  return {
    kind: 'sqlite',
    options: { sqliteFile: join(dir, 'linli.db') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function adminExecute(adminUrl: string, sql: string): Promise<void> {
  const orm = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: adminUrl, entities: [], discovery: { warnWhenNoEntities: false } });
  try {
    await orm.em.getConnection().execute(sql);
  } finally {
    await orm.close(true);
  }
}
