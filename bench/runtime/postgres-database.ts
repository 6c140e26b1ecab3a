import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

/** The part of `pg` used here (pulled in by @mikro-orm/postgresql; no types of its own in the tree). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
type PgClientConstructor = new (options: { connectionString: string }) => PgClient;

const require = createRequire(import.meta.url);

/** A pg client on a URL (the caller ends it). */
export async function pgClient(url: string): Promise<PgClient> {
  const { Client } = require('pg') as { Client: PgClientConstructor }; // CommonJS module without types
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A throwaway PostgreSQL database on the server of `adminUrl`; `drop()` removes it. */
export async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `linli_bench_${randomBytes(5).toString('hex')}`;
  const admin = await pgClient(adminUrl);
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = await pgClient(adminUrl);
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
