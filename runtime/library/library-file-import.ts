import { readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { SqlDatabase } from '../persistence/sql-database.js';
import { ensureRecord, writeRecord, type LibraryKind, type LibraryRecordContent } from './library-store.js';

/** One community's file as earlier releases wrote it under `<dataDir>/library/`. */
interface CommunityFile {
  readonly processes?: Record<string, Partial<LibraryRecordContent>>;
  readonly forms?: Record<string, Partial<LibraryRecordContent>>;
}

const kinds: readonly LibraryKind[] = ['processes', 'forms'];

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isoOrEpoch(value: unknown): string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : new Date(0).toISOString();
}

/** What an import did: records written, and files left in place because they could not be read. */
export interface LibraryImport {
  readonly imported: number;
  readonly unreadable: readonly string[];
}

/**
 * Imports the drafts and template origins that earlier releases kept as one JSON file per
 * community (`<dir>/<community>.json`) into `wf_library_record`, once: each imported file is
 * renamed to `.json.imported`. A record the database already has is left as it is, so a second
 * node importing the same file changes nothing. A file that is not JSON is left in place and named
 * in the answer, for the caller to log.
 */
export async function importLibraryFiles(db: SqlDatabase, dir: string): Promise<LibraryImport> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return { imported: 0, unreadable: [] }; // no directory: nothing to import
  }
  let imported = 0;
  const unreadable: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const community = decodeURIComponent(name.slice(0, -'.json'.length));
    let parsed: CommunityFile;
    try {
      const value: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (typeof value !== 'object' || value === null) throw new TypeError('not an object');
      parsed = value as CommunityFile; // written by the earlier file store
    } catch {
      unreadable.push(file);
      continue;
    }
    imported += await db.transaction(async (tx) => {
      let written = 0;
      for (const kind of kinds) {
        for (const [key, record] of Object.entries(parsed[kind] ?? {})) {
          const existing = await tx.get('SELECT revision FROM wf_library_record WHERE community = ? AND kind = ? AND item_key = ?', [community, kind, key]);
          if (existing !== undefined) continue;
          const draft = record.draft;
          const content = textOrNull(draft?.content);
          await ensureRecord(tx, community, kind, key);
          await writeRecord(tx, community, kind, key, {
            templateKey: textOrNull(record.templateKey),
            templateHash: textOrNull(record.templateHash),
            draft: content === null ? null : { content, updatedBy: textOrNull(draft?.updatedBy) ?? '', updatedAt: isoOrEpoch(draft?.updatedAt) },
            revision: 1,
          });
          written += 1;
        }
      }
      return written;
    });
    await rename(file, `${file}.imported`);
  }
  return { imported, unreadable };
}
