import type { ExecutableModel } from '../../engine/model/executable-model.js';
import type { SqlTx } from '../persistence/sql-database.js';

/**
 * Parsed models by definition id, least recently used dropped first. A definition's content
 * never changes, so an entry never goes stale; a miss re-parses the stored XML.
 */
export class ModelCache {
  private readonly entries = new Map<string, Promise<ExecutableModel>>();

  constructor(
    private readonly load: (definitionId: string, reader: SqlTx) => Promise<ExecutableModel>,
    private readonly capacity = 500,
  ) {}

  /**
   * The model of a definition; on a miss it is read through `reader`, which must be the
   * caller's transaction when there is one (SQLite has a single connection, queued).
   */
  get(definitionId: string, reader: SqlTx): Promise<ExecutableModel> {
    let entry = this.entries.get(definitionId);
    if (entry) {
      // Re-insert to mark it most recently used.
      this.entries.delete(definitionId);
      this.entries.set(definitionId, entry);
      return entry;
    }
    entry = this.load(definitionId, reader);
    entry.catch(() => this.entries.delete(definitionId));
    this.entries.set(definitionId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return entry;
  }

  /** Seeds the cache with a model parsed at deploy time. */
  put(definitionId: string, model: ExecutableModel): void {
    this.entries.set(definitionId, Promise.resolve(model));
  }
}
