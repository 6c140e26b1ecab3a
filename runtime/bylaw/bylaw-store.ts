import { toNumber, toText, type SqlTx } from '../persistence/sql-database.js';
import { storedBylawValues, type BylawValues } from './bylaw-settings.js';

/** A community's stored settings and who last changed them (null: never set, all defaults). */
export interface StoredBylaw {
  readonly values: BylawValues;
  readonly updatedBy: string | null;
  readonly updatedAt: number | null;
}

/** Reads a community's settings through `reader` (the caller's transaction when there is one). */
export async function readBylaw(reader: SqlTx, community: string): Promise<StoredBylaw> {
  const row = await reader.get('SELECT settings, updated_by, updated_at FROM wf_bylaw_settings WHERE community = ?', [community]);
  if (!row) return { values: {}, updatedBy: null, updatedAt: null };
  return { values: storedBylawValues(toText(row.settings)), updatedBy: toText(row.updated_by), updatedAt: toNumber(row.updated_at) };
}

/** Replaces a community's settings with already validated values (keys left out take their default). */
export async function writeBylaw(writer: SqlTx, community: string, values: BylawValues, updatedBy: string, now: number): Promise<void> {
  await writer.run(
    `INSERT INTO wf_bylaw_settings (community, settings, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (community) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [community, JSON.stringify(values), updatedBy, now],
  );
}
