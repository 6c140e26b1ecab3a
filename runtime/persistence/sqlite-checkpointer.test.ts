import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './open-database.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const sqliteOnly = process.env.DATABASE_URL ? describe.skip : describe;

sqliteOnly('SQLite file settings and the checkpointer thread', () => {
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

  const fileOf = (): string => testDb.options.sqliteFile ?? '';

  it('should create a new file with 1 KiB pages in WAL mode', async () => {
    // when a new database is opened
    opened = await openDatabase(testDb.options);

    // then it has small pages and a write-ahead log
    expect((await opened.db.get('SELECT page_size FROM pragma_page_size()'))?.page_size).toBe(1024);
    expect((await opened.db.get('SELECT journal_mode FROM pragma_journal_mode()'))?.journal_mode).toBe('wal');
  });

  it('should copy committed pages into the database file without the writing connection checkpointing', async () => {
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

  it('should stop the thread and keep every row when closed and opened again', async () => {
    // given a committed row
    opened = await openDatabase(testDb.options);
    await opened.db.run('insert into wf_comment (id, community, instance_id, task_id, visibility, body, author, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)', [
      'c1',
      'demo',
      'i1',
      null,
      'public',
      '已回复',
      'u1',
      1,
    ]);

    // when the database is closed (the checkpointer thread ends first) and opened again
    await opened.db.close();
    opened = await openDatabase(testDb.options);

    // then the row is there
    expect((await opened.db.get('select body from wf_comment where id = ?', ['c1']))?.body).toBe('已回复');
  });
});
