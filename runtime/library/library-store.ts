import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A saved, unpublished edit. */
export interface Draft {
  readonly content: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** What the library remembers about one process or form of a community beyond its deployed versions. */
export interface LibraryRecord {
  /** The sub-district template it was copied from, and that template's hash at the copy. */
  readonly templateKey: string | null;
  readonly templateHash: string | null;
  readonly draft: Draft | null;
}

interface CommunityFile {
  readonly processes: Record<string, LibraryRecord>;
  readonly forms: Record<string, LibraryRecord>;
}

export type LibraryKind = 'processes' | 'forms';

const emptyRecord: LibraryRecord = { templateKey: null, templateHash: null, draft: null };

/**
 * Drafts and template origins, one JSON file per community under `<dataDir>/library/`.
 * Writes are serialised per community and replace the file atomically (write + rename).
 */
export class LibraryStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  private file(community: string): string {
    return path.join(this.dir, `${encodeURIComponent(community)}.json`);
  }

  private async load(community: string): Promise<CommunityFile> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file(community), 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'processes' in parsed && 'forms' in parsed) {
        return parsed as CommunityFile; // written only by this class
      }
    } catch {
      // no file yet: an empty library
    }
    return { processes: {}, forms: {} };
  }

  async get(community: string, kind: LibraryKind, key: string): Promise<LibraryRecord> {
    const data = await this.load(community);
    return data[kind][key] ?? emptyRecord;
  }

  async all(community: string, kind: LibraryKind): Promise<Readonly<Record<string, LibraryRecord>>> {
    return (await this.load(community))[kind];
  }

  /** Applies `change` to one record and saves; returns the new record. */
  async update(community: string, kind: LibraryKind, key: string, change: (record: LibraryRecord) => LibraryRecord): Promise<LibraryRecord> {
    const previous = this.queues.get(community) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      const data = await this.load(community);
      const updated = change(data[kind][key] ?? emptyRecord);
      const saved: CommunityFile = { ...data, [kind]: { ...data[kind], [key]: updated } };
      await mkdir(this.dir, { recursive: true });
      const temp = `${this.file(community)}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(saved, null, 1));
      await rename(temp, this.file(community));
      return updated;
    });
    this.queues.set(community, next);
    return next;
  }
}
