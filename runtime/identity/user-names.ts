import { toText, type SqlTx } from '../persistence/sql-database.js';

const namesStatements: string[] = [];
/** The lookup of `count` ids, built once per count (the statement cache is keyed by SQL text). */
function namesSql(count: number): string {
  namesStatements[count] ??= `SELECT id, display_name FROM id_user WHERE id IN (${Array.from({ length: count }, () => '?').join(', ')})`;
  return namesStatements[count];
}

/**
 * Display names of the given user ids (id → name), for pages that say who published, saved or
 * started something: people read「赵书记」, not `admin-zhao`. Ids without a user row are left out
 * (the page then shows the id: a deleted account, a worker token, `system`).
 */
export async function userNames(db: SqlTx, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id) => id !== ''))];
  const names = new Map<string, string>();
  for (let start = 0; start < wanted.length; start += 200) {
    const chunk = wanted.slice(start, start + 200);
    const rows = await db.all(namesSql(chunk.length), chunk);
    for (const row of rows) names.set(toText(row.id), toText(row.display_name));
  }
  return names;
}

/** The display name of one user, or null when there is no such user. */
export async function userName(db: SqlTx, id: string | null): Promise<string | null> {
  if (id === null) return null;
  return (await userNames(db, [id])).get(id) ?? null;
}
