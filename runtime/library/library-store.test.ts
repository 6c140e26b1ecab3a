import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../persistence/sql-database.js';
import { createServiceHarness, newCommunity, type ServiceHarness } from '../services/test-service.js';
import { importLibraryFiles } from './library-file-import.js';
import { LibraryStore } from './library-store.js';

let harness: ServiceHarness;
let db: SqlDatabase;
let dir: string;

beforeEach(async () => {
  harness = await createServiceHarness();
  db = (await harness.open()).db;
  dir = mkdtempSync(path.join(tmpdir(), 'linli-library-files-'));
});

afterEach(async () => {
  await harness.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const draft = (content: string, updatedBy = 'sec-wang') => ({ content, updatedBy, updatedAt: '2026-03-02T01:00:00.000Z' });

describe('library store', () => {
  it('should keep a draft and its template origin in the database, one revision up per change', async () => {
    // given
    const store = new LibraryStore(db);
    const community = newCommunity();

    // when
    await store.update(community, 'processes', 'complaint', () => ({ templateKey: 'complaint', templateHash: 'abc', draft: draft('<xml/>') }));
    const second = await store.update(community, 'processes', 'complaint', (old) => ({ ...old, draft: draft('<xml2/>', 'sec-li') }));

    // then: a second store on the same database (another node) reads the same record
    const other = new LibraryStore(db);
    expect(second.revision).toBe(2);
    expect(await other.get(community, 'processes', 'complaint')).toEqual({ templateKey: 'complaint', templateHash: 'abc', draft: draft('<xml2/>', 'sec-li'), revision: 2 });
    expect(await other.get(community, 'forms', 'complaint')).toEqual({ templateKey: null, templateHash: null, draft: null, revision: 0 });
    expect(Object.keys(await other.all(community, 'processes'))).toEqual(['complaint']);
  });

  it('should apply concurrent changes of one record one after the other, losing none', async () => {
    // given
    const store = new LibraryStore(db);
    const community = newCommunity();

    // when: ten saves at once, each appending to what it finds
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        store.update(community, 'forms', 'intake', (old) => ({ ...old, draft: draft(`${old.draft?.content ?? ''}[${index}]`) })),
      ),
    );

    // then
    const record = await store.get(community, 'forms', 'intake');
    expect(record.revision).toBe(10);
    expect(record.draft?.content.match(/\[\d\]/g)?.sort()).toEqual(['[0]', '[1]', '[2]', '[3]', '[4]', '[5]', '[6]', '[7]', '[8]', '[9]']);
  });

  it('should leave the record as it was when the change throws', async () => {
    // given
    const store = new LibraryStore(db);
    const community = newCommunity();
    await store.update(community, 'processes', 'p', () => ({ templateKey: null, templateHash: null, draft: draft('<a/>') }));

    // when
    const failing = store.update(community, 'processes', 'p', () => {
      throw new Error('refused');
    });

    // then
    await expect(failing).rejects.toThrow('refused');
    expect((await store.get(community, 'processes', 'p')).revision).toBe(1);
  });
});

describe('import of the library files of earlier releases', () => {
  it('should import each community file once, keep records the database has, and leave unreadable files', async () => {
    // given: two files as the earlier file store wrote them, and a record already in the database
    const store = new LibraryStore(db);
    const community = `东明-${newCommunity()}`;
    writeFileSync(
      path.join(dir, `${encodeURIComponent(community)}.json`),
      JSON.stringify({
        processes: {
          complaint: { templateKey: 'complaint', templateHash: 'h1', draft: draft('<old-draft/>') },
          repair: { templateKey: 'repair', templateHash: 'h2', draft: null },
        },
        forms: { intake: { templateKey: null, templateHash: null, draft: { content: '{}', updatedBy: 'sec-li', updatedAt: 'not a date' } } },
      }),
    );
    writeFileSync(path.join(dir, 'broken.json'), '{ not json');
    await store.update(community, 'processes', 'repair', () => ({ templateKey: 'repair', templateHash: 'newer', draft: null }));

    // when
    const first = await importLibraryFiles(db, dir);
    const second = await importLibraryFiles(db, dir);

    // then
    expect(first).toEqual({ imported: 2, unreadable: [path.join(dir, 'broken.json')] });
    expect(second.imported).toBe(0);
    expect(await store.get(community, 'processes', 'complaint')).toEqual({ templateKey: 'complaint', templateHash: 'h1', draft: draft('<old-draft/>'), revision: 1 });
    expect((await store.get(community, 'processes', 'repair')).templateHash).toBe('newer');
    expect((await store.get(community, 'forms', 'intake')).draft).toEqual({ content: '{}', updatedBy: 'sec-li', updatedAt: '1970-01-01T00:00:00.000Z' });
    expect(existsSync(path.join(dir, `${encodeURIComponent(community)}.json.imported`))).toBe(true);
    expect(readFileSync(path.join(dir, 'broken.json'), 'utf8')).toBe('{ not json');
  });

  it('should import nothing when there is no library folder', async () => {
    expect(await importLibraryFiles(db, path.join(dir, 'missing'))).toEqual({ imported: 0, unreadable: [] });
  });
});
