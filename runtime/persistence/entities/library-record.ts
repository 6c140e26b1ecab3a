import { EntitySchema } from '@mikro-orm/core';

/**
 * What the process and form library keeps about one process or form of a community beyond its
 * deployed versions: the sub-district template it was copied from, and the unpublished draft.
 */
export interface LibraryRecordRow {
  community: string;
  /** `processes` or `forms`. */
  kind: string;
  itemKey: string;
  templateKey: string | null;
  /** The template's content hash at the copy (or at the last adoption). */
  templateHash: string | null;
  draftContent: string | null;
  draftUpdatedBy: string | null;
  draftUpdatedAt: number | null;
  /** Goes up on every draft change; a save naming an older revision is refused (409). */
  revision: number;
}

export const libraryRecordSchema = new EntitySchema<LibraryRecordRow>({
  name: 'LibraryRecord',
  tableName: 'wf_library_record',
  properties: {
    community: { type: 'string', length: 64, primary: true },
    kind: { type: 'string', length: 16, primary: true },
    itemKey: { type: 'string', length: 255, primary: true },
    templateKey: { type: 'string', length: 255, nullable: true },
    templateHash: { type: 'string', length: 64, nullable: true },
    draftContent: { type: 'text', nullable: true },
    draftUpdatedBy: { type: 'string', length: 128, nullable: true },
    draftUpdatedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    revision: { type: 'integer' },
  },
});
