import type { ExecutableModel } from '../../engine/model/executable-model.js';

/**
 * Parsed models by definition id, least recently used dropped first. A definition's content
 * never changes, so an entry never goes stale; a miss re-parses the stored XML.
 */
export class ModelCache {
  private readonly entries = new Map<string, Promise<ExecutableModel>>();

  constructor(
    private readonly load: (definitionId: string) => Promise<ExecutableModel>,
    private readonly capacity = 500,
  ) {}

  get(definitionId: string): Promise<ExecutableModel> {
    let entry = this.entries.get(definitionId);
    if (entry) {
      // Re-insert to mark it most recently used.
      this.entries.delete(definitionId);
      this.entries.set(definitionId, entry);
      return entry;
    }
    entry = this.load(definitionId);
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
