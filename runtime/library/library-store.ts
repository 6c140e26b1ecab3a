import { toNumber, toNumberOrNull, toTextOrNull, type SqlDatabase, type SqlRow, type SqlTx } from '../persistence/sql-database.js';

/** A saved, unpublished edit. */
export interface Draft {
  readonly content: string;
  readonly updatedBy: string;
  /** ISO 8601. */
  readonly updatedAt: string;
}

/** The part of a record a change may set; the store keeps the revision. */
export interface LibraryRecordContent {
  /** The sub-district template it was copied from, and that template's hash at the copy. */
  readonly templateKey: string | null;
  readonly templateHash: string | null;
  readonly draft: Draft | null;
}

/** What the library remembers about one process or form of a community beyond its deployed versions. */
export interface LibraryRecord extends LibraryRecordContent {
  /** Goes up by one on every change; 0 while nothing was ever saved. */
  readonly revision: number;
}

export type LibraryKind = 'processes' | 'forms';

const emptyRecord: LibraryRecord = { templateKey: null, templateHash: null, draft: null, revision: 0 };

const columns = 'item_key, template_key, template_hash, draft_content, draft_updated_by, draft_updated_at, revision';

function recordOf(row: SqlRow): LibraryRecord {
  const content = toTextOrNull(row.draft_content);
  const updatedAt = toNumberOrNull(row.draft_updated_at);
  return {
    templateKey: toTextOrNull(row.template_key),
    templateHash: toTextOrNull(row.template_hash),
    draft: content === null ? null : { content, updatedBy: toTextOrNull(row.draft_updated_by) ?? '', updatedAt: new Date(updatedAt ?? 0).toISOString() },
    revision: toNumber(row.revision),
  };
}

/** Writes one record's content and revision (the row exists). */
export async function writeRecord(tx: SqlTx, community: string, kind: LibraryKind, key: string, record: LibraryRecord): Promise<void> {
  await tx.run(
    `UPDATE wf_library_record SET template_key = ?, template_hash = ?, draft_content = ?, draft_updated_by = ?, draft_updated_at = ?, revision = ?
     WHERE community = ? AND kind = ? AND item_key = ?`,
    [
      record.templateKey,
      record.templateHash,
      record.draft?.content ?? null,
      record.draft?.updatedBy ?? null,
      record.draft === null ? null : Date.parse(record.draft.updatedAt),
      record.revision,
      community,
      kind,
      key,
    ],
  );
}

/** Adds an empty row for the record unless there is one. */
export async function ensureRecord(tx: SqlTx, community: string, kind: LibraryKind, key: string): Promise<void> {
  await tx.run('INSERT INTO wf_library_record (community, kind, item_key, revision) VALUES (?, ?, ?, 0) ON CONFLICT (community, kind, item_key) DO NOTHING', [community, kind, key]);
}

/**
 * Drafts and template origins in `wf_library_record`, so every node of a PostgreSQL cluster sees
 * the same drafts and database backups hold them. A change runs in one transaction with the row
 * locked, so two saves of one draft never interleave.
 */
export class LibraryStore {
  constructor(private readonly db: SqlDatabase) {}

  async get(community: string, kind: LibraryKind, key: string): Promise<LibraryRecord> {
    const row = await this.db.get(`SELECT ${columns} FROM wf_library_record WHERE community = ? AND kind = ? AND item_key = ?`, [community, kind, key]);
    return row === undefined ? emptyRecord : recordOf(row);
  }

  /** The records that say something: a template origin or a draft. */
  async all(community: string, kind: LibraryKind): Promise<Readonly<Record<string, LibraryRecord>>> {
    const rows = await this.db.all(
      `SELECT ${columns} FROM wf_library_record WHERE community = ? AND kind = ? AND (template_key IS NOT NULL OR draft_content IS NOT NULL) ORDER BY item_key`,
      [community, kind],
    );
    return Object.fromEntries(rows.map((row) => [String(row.item_key), recordOf(row)]));
  }

  /**
   * Applies `change` to one record with its row locked and saves it with the revision one up;
   * returns the new record. Whatever `change` throws rolls the transaction back.
   */
  async update(community: string, kind: LibraryKind, key: string, change: (record: LibraryRecord) => LibraryRecordContent): Promise<LibraryRecord> {
    return this.db.transaction(async (tx) => {
      await ensureRecord(tx, community, kind, key);
      const row = await tx.get(`SELECT ${columns} FROM wf_library_record WHERE community = ? AND kind = ? AND item_key = ?${this.db.forUpdate}`, [community, kind, key]);
      const old = row === undefined ? emptyRecord : recordOf(row);
      const changed = change(old);
      const saved: LibraryRecord = { templateKey: changed.templateKey, templateHash: changed.templateHash, draft: changed.draft, revision: old.revision + 1 };
      await writeRecord(tx, community, kind, key, saved);
      return saved;
    });
  }
}
