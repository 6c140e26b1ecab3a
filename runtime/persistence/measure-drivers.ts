/**
 * Measures single-row durable transactions per second on SQLite (WAL, synchronous=NORMAL) for
 * the choices the runtime had: raw better-sqlite3, MikroORM on better-sqlite3, MikroORM on
 * node-sqlite3 (`@mikro-orm/sqlite`), and the runtime's lean path (prepared statements on the
 * ORM's better-sqlite3 connection). Not a test.
 *
 *   npx tsx runtime/persistence/measure-drivers.ts
 *
 * `@mikro-orm/sqlite` is not a dependency (it builds node-sqlite3 from source for a minute); to
 * include it, install it elsewhere and point at it:
 *   (cd /tmp/m && npm i -E @mikro-orm/sqlite@6.6.16 @mikro-orm/core@6.6.16)
 *   MEASURE_NODE_SQLITE3_DIR=/tmp/m npx tsx runtime/persistence/measure-drivers.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { openDatabase } from './open-database.js';

const ROWS = Number(process.env.MEASURE_ROWS ?? 5_000);

interface Row {
  id: number;
  body: string;
}

async function timed(label: string, rows: number, run: () => Promise<void>): Promise<void> {
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(58)} ${Math.round(rows / seconds).toString().padStart(8)} tx/s`);
}

function freshFile(): { file: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'linli-measure-'));
  return { file: join(dir, 'measure.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

async function rawBetterSqlite(): Promise<void> {
  const require = createRequire(import.meta.url);
  // better-sqlite3 ships no types; this is its documented constructor.
  const Database = require('better-sqlite3') as new (file: string) => {
    pragma(s: string): unknown;
    exec(s: string): unknown;
    prepare(s: string): { run(...p: unknown[]): unknown };
    close(): void;
  };
  const { file, dispose } = freshFile();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table t (id integer primary key, body text not null)');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const insert = db.prepare('insert into t (id, body) values (?, ?)');
  const commit = db.prepare('COMMIT');
  await timed('raw better-sqlite3, one insert per transaction', ROWS, async () => {
    for (let i = 0; i < ROWS; i++) {
      begin.run();
      insert.run(i, 'x'.repeat(200));
      commit.run();
    }
  });
  db.close();
  dispose();
}

async function ormBetterSqlite(): Promise<void> {
  const schema = new EntitySchema<Row>({ name: 'MeasureRow', tableName: 't', properties: { id: { type: 'integer', primary: true }, body: { type: 'text' } } });
  const { file, dispose } = freshFile();
  const orm = await MikroORM.init({ driver: BetterSqliteDriver, dbName: file, entities: [schema] });
  await orm.em.getConnection().execute('pragma journal_mode = WAL');
  await orm.em.getConnection().execute('pragma synchronous = NORMAL');
  await orm.schema.createSchema();
  await timed('MikroORM @mikro-orm/better-sqlite, fork + create + flush', ROWS, async () => {
    for (let i = 0; i < ROWS; i++) {
      const em = orm.em.fork();
      em.create(schema, { id: i, body: 'x'.repeat(200) });
      await em.flush();
    }
  });
  await orm.close(true);
  dispose();
}

async function ormNodeSqlite3(dir: string): Promise<void> {
  const require = createRequire(join(dir, 'package.json'));
  // A second copy of MikroORM from another folder; its classes are used only among themselves.
  const core = require('@mikro-orm/core') as typeof import('@mikro-orm/core');
  const sqlite = require('@mikro-orm/sqlite') as { SqliteDriver: typeof BetterSqliteDriver };
  const schema = new core.EntitySchema<Row>({ name: 'MeasureRow', tableName: 't', properties: { id: { type: 'integer', primary: true }, body: { type: 'text' } } });
  const { file, dispose } = freshFile();
  const orm = await core.MikroORM.init({ driver: sqlite.SqliteDriver, dbName: file, entities: [schema] });
  await orm.em.getConnection().execute('pragma journal_mode = WAL');
  await orm.em.getConnection().execute('pragma synchronous = NORMAL');
  await orm.schema.createSchema();
  await timed('MikroORM @mikro-orm/sqlite (node-sqlite3), fork + create + flush', ROWS, async () => {
    for (let i = 0; i < ROWS; i++) {
      const em = orm.em.fork();
      em.create(schema, { id: i, body: 'x'.repeat(200) });
      await em.flush();
    }
  });
  await orm.close(true);
  dispose();
}

async function leanPath(): Promise<void> {
  const { file, dispose } = freshFile();
  const { db } = await openDatabase({ sqliteFile: file });
  await timed('runtime lean path (SqliteDatabase.transaction, 1 insert)', ROWS, async () => {
    for (let i = 0; i < ROWS; i++) {
      await db.transaction(async (tx) => {
        await tx.run('insert into wf_comment (id, community, instance_id, task_id, visibility, body, author, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)', [
          `c${i}`,
          'demo',
          'i1',
          null,
          'public',
          'x'.repeat(200),
          'u1',
          i,
        ]);
      });
    }
  });
  await db.close();
  dispose();
}

console.log(`SQLite, WAL, synchronous=NORMAL, ${ROWS} single-row transactions each, Node ${process.version}`);
await rawBetterSqlite();
await ormBetterSqlite();
const nodeSqlite3Dir = process.env.MEASURE_NODE_SQLITE3_DIR;
if (nodeSqlite3Dir) await ormNodeSqlite3(nodeSqlite3Dir);
else console.log('(MikroORM on node-sqlite3 skipped: set MEASURE_NODE_SQLITE3_DIR, see the header)');
await leanPath();
