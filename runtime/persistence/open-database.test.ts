import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './open-database.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('openDatabase', () => {
  let testDb: TestDatabase;
  let opened: OpenedDatabase | undefined;

  beforeEach(async () => {
    testDb = await createTestDatabase();
  });

  afterEach(async () => {
    await opened?.db.close();
    opened = undefined;
    await testDb.drop();
  });

  it('should create the schema the entities describe on first start', async () => {
    // given a new, empty database
    // when it is opened
    opened = await openDatabase(testDb.options);

    // then the migrations made exactly the schema of the entities
    const diff = await opened.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
    expect(diff.trim()).toBe('');
  });

  it('should keep rows and run no migration twice when opened again', async () => {
    // given a database with one row
    opened = await openDatabase(testDb.options);
    await opened.db.run(
      'insert into wf_comment (id, community, instance_id, task_id, visibility, body, author, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      ['c1', 'demo', 'i1', null, 'public', '已处理', 'u1', 1],
    );
    await opened.db.close();

    // when it is opened again
    opened = await openDatabase(testDb.options);

    // then the row is still there
    const row = await opened.db.get('select body from wf_comment where id = ?', ['c1']);
    expect(row?.body).toBe('已处理');
  });

  it('should roll back everything a failed transaction wrote', async () => {
    // given an open database
    opened = await openDatabase(testDb.options);
    const db = opened.db;

    // when a transaction writes a row and then fails
    const attempt = db.transaction(async (tx) => {
      await tx.run(
        'insert into wf_comment (id, community, instance_id, task_id, visibility, body, author, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
        ['c2', 'demo', 'i1', null, 'internal', 'x', 'u1', 1],
      );
      throw new Error('boom');
    });

    // then the error reaches the caller and the row is gone
    await expect(attempt).rejects.toThrow('boom');
    expect(await db.get('select id from wf_comment where id = ?', ['c2'])).toBeUndefined();
  });

  const fileOf = (): string => testDb.options.sqliteFile ?? '';
  // file settings and the checkpointer thread exist on SQLite only
  const sqliteIt = it.skipIf(Boolean(process.env.DATABASE_URL));

  sqliteIt('should create a new file with 1 KiB pages in WAL mode', async () => {
    // when a new database is opened
    opened = await openDatabase(testDb.options);

    // then it has small pages and a write-ahead log
    expect((await opened.db.get('SELECT page_size FROM pragma_page_size()'))?.page_size).toBe(1024);
    expect((await opened.db.get('SELECT journal_mode FROM pragma_journal_mode()'))?.journal_mode).toBe('wal');
  });

  sqliteIt('should copy committed pages into the database file without the writing connection checkpointing', async () => {
    // given an open database whose file holds only the schema
    opened = await openDatabase(testDb.options);
    const db = opened.db;
    const before = statSync(fileOf()).size;

    // when about 2 MB are committed: far below the writing connection's own checkpoint threshold
    const body = '已处理'.repeat(600);
    for (let batch = 0; batch < 20; batch++) {
      await db.transaction(async (tx) => {
        for (let i = 0; i < 50; i++) {
          await tx.run('insert into wf_comment (id, community, instance_id, task_id, visibility, body, author, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)', [
            `c${batch}-${i}`,
            'demo',
            'i1',
            null,
            'public',
            body,
            'u1',
            1,
          ]);
        }
      });
    }

    // then the background thread moves them from the WAL into the database file
    await expect.poll(() => statSync(fileOf()).size - before).toBeGreaterThan(1_500_000);
  });
});

describe('transactions that run at the same time', () => {
  let testDb: TestDatabase;
  let opened: OpenedDatabase | undefined;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    opened = await openDatabase(testDb.options);
  });

  afterEach(async () => {
    await opened?.db.close();
    await testDb.drop();
  });

  it('should commit every successful one and roll back only the one that failed', async () => {
    // given ten transactions started together, the fifth of which fails after writing
    const db = opened!.db;
    const insert = 'insert into wf_comment (id, community, instance_id, task_id, visibility, body, author, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)';

    // when they all run
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.run(insert, [`g${i}`, 'demo', 'i1', null, 'internal', `note ${i}`, 'u1', i]);
          if (i === 4) throw new Error('boom');
          return i;
        }),
      ),
    );

    // then nine are acknowledged and stored, the failed one left nothing behind
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(9);
    expect(results[4]?.status).toBe('rejected');
    const rows = await db.all("select id from wf_comment where community = 'demo' order by id");
    expect(rows.map((r) => r.id)).toEqual(['g0', 'g1', 'g2', 'g3', 'g5', 'g6', 'g7', 'g8', 'g9']);
  });
});
