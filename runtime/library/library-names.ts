import type { SqlTx } from '../persistence/sql-database.js';
import type { InstanceSummary } from '../services/workflow-service.js';
import { LibraryError, libraryErrors } from './library-errors.js';
import type { EditableContent, ProcessRow, SavedDraft } from './library-service.js';
import { userNames } from '../identity/user-names.js';

/**
 * The library's answers with people by name beside their ids: who published each version, who
 * saved the draft, who started each case, who saved the draft that refuses a stale save.
 */
export function libraryNames(db: SqlTx) {
  return {
    async processes(rows: readonly ProcessRow[]) {
      const names = await userNames(db, rows.flatMap((row) => [...row.versions.map((v) => v.deployedBy), ...(row.draft ? [row.draft.updatedBy] : [])]));
      return rows.map((row) => ({
        ...row,
        versions: row.versions.map((version) => ({ ...version, deployedByName: names.get(version.deployedBy) ?? null })),
        draft: row.draft === null ? null : { ...row.draft, updatedByName: names.get(row.draft.updatedBy) ?? null },
      }));
    },

    async editable(content: EditableContent) {
      if (content.draft === null) return { ...content, draft: null };
      const names = await userNames(db, [content.draft.updatedBy]);
      return { ...content, draft: { ...content.draft, updatedByName: names.get(content.draft.updatedBy) ?? null } };
    },

    async saved(stamp: SavedDraft) {
      return { ...stamp, updatedByName: (await userNames(db, [stamp.updatedBy])).get(stamp.updatedBy) ?? null };
    },

    async instances(items: readonly InstanceSummary[]) {
      const names = await userNames(db, items.map((item) => item.startedBy));
      return items.map((item) => ({ ...item, startedByName: names.get(item.startedBy) ?? null }));
    },

    /** Runs a save or publish; a refusal over someone else's newer draft names them by name. */
    async namingConflicts<T>(work: () => Promise<T>): Promise<T> {
      try {
        return await work();
      } catch (error) {
        const details = error instanceof LibraryError && error.code === 'WF_DRAFT_CONFLICT' ? error.details : null;
        if (details === null || typeof details.updatedBy !== 'string' || typeof details.updatedAt !== 'string') throw error;
        const name = (await userNames(db, [details.updatedBy])).get(details.updatedBy);
        if (name === undefined) throw error;
        throw libraryErrors.staleDraft(String(details.key), { revision: Number(details.revision), draft: { updatedBy: details.updatedBy, updatedByName: name, updatedAt: details.updatedAt } });
      }
    },
  };
}
