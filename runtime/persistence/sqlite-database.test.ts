import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDatabase, type BetterSqliteHandle } from './sqlite-database.js';

/** A raw better-sqlite3 connection: the handle's methods plus what the tests call. */
type RawConnection = BetterSqliteHandle & { close(): void };
// better-sqlite3 ships no types; this is its documented constructor.
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => RawConnection;

/** A better-sqlite3 connection that counts the COMMITs it runs. */
function countingHandle(raw: RawConnection): { handle: BetterSqliteHandle; commits: () => number } {
  let commits = 0;
  const handle: BetterSqliteHandle = {
    prepare(sql) {
      const statement = raw.prepare(sql);
      if (sql !== 'COMMIT') return statement;
      return {
        reader: statement.reader,
        all: (...params) => statement.all(...params),
        get: (...params) => statement.get(...params),
        run: (...params) => {
          commits++;
          return statement.run(...params);
        },
      };
    },
    exec: (sql) => raw.exec(sql),
    pragma: (source) => raw.pragma(source),
    get inTransaction() {
      return raw.inTransaction;
    },
  };
  return { handle, commits: () => commits };
}

describe('SqliteDatabase group commit', () => {
  let raw: RawConnection;
  let db: SqliteDatabase;
  let commits: () => number;

  beforeEach(() => {
    raw = new Database(':memory:');
    raw.exec('CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const counting = countingHandle(raw);
    commits = counting.commits;
    db = new SqliteDatabase(counting.handle, async () => {
      raw.close();
    });
  });

  afterEach(async () => {
    await db.close();
  });

  const insert = (id: number) => db.transaction(async (tx) => tx.run('INSERT INTO note (id, body) VALUES (?, ?)', [id, `第 ${id} 条`]));
  const ids = async () => (await db.all('SELECT id FROM note ORDER BY id')).map((row) => row.id);

  it('should commit transactions queued in the same turn with one COMMIT', async () => {
    // when five commands arrive together
    await Promise.all([1, 2, 3, 4, 5].map(insert));

    // then all five are stored, committed together
    expect(await ids()).toEqual([1, 2, 3, 4, 5]);
    expect(commits()).toBe(1);
  });

  it('should roll back only the failing command of a group', async () => {
    // given a group whose third command writes and then fails
    const failing = db.transaction(async (tx) => {
      await tx.run('INSERT INTO note (id, body) VALUES (?, ?)', [3, '半途而废']);
      throw new Error('任务已被他人办理 / already completed');
    });

    // when it runs between four good ones
    const results = await Promise.allSettled([insert(1), insert(2), failing, insert(4), insert(5)]);

    // then it alone is refused and none of its writes remain
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await ids()).toEqual([1, 2, 4, 5]);
  });

  it('should let the rest of a group commit when its first command fails', async () => {
    // given a group whose first command breaks a constraint after writing
    await insert(9);
    const failingFirst = db.transaction(async (tx) => {
      await tx.run('INSERT INTO note (id, body) VALUES (?, ?)', [1, '先写']);
      await tx.run('INSERT INTO note (id, body) VALUES (?, ?)', [9, '重复主键']);
    });

    // when it is queued together with others
    const results = await Promise.allSettled([failingFirst, insert(2), insert(3)]);

    // then its first write is undone too, and the others are stored
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(await ids()).toEqual([2, 3, 9]);
  });

  it('should answer a read queued after a write with the write applied', async () => {
    // when a write and a read are queued in that order
    const [, rows] = await Promise.all([insert(7), db.all('SELECT body FROM note')]);

    // then the read sees the committed write
    expect(rows).toEqual([{ body: '第 7 条' }]);
  });
});
