import { toNumber, toNumberOrNull, toText, type SqlDatabase } from '../persistence/sql-database.js';
import { constantTimeEqual, randomSecret, sha256Hex } from './secrets.js';

export type TokenScope = 'worker' | 'read-only';

export interface TokenRecord {
  readonly id: string;
  readonly community: string;
  readonly scope: TokenScope;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
  readonly lastUsedAt: number | null;
}

const prefix = 'llt';
const TOKEN_COLUMNS = 'id, secret_hash, community, scope, name, created_by, created_at, expires_at, revoked_at, last_used_at';

/**
 * API tokens `llt_<id>_<secret>`: the id finds the row, the secret is compared (as sha256, in
 * constant time). The full token is shown once, at creation.
 */
export class TokenStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  async create(input: { community: string; scope: TokenScope; name: string; createdBy: string; expiresAt: number | null }): Promise<{ token: string; record: TokenRecord }> {
    const id = randomSecret(12).replace(/[-_]/g, 'x');
    const secret = randomSecret(32);
    const at = this.now();
    await this.db.run(`INSERT INTO id_api_token (${TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`, [
      id,
      sha256Hex(secret),
      input.community,
      input.scope,
      input.name,
      input.createdBy,
      at,
      input.expiresAt,
    ]);
    return {
      token: `${prefix}_${id}_${secret}`,
      record: { id, community: input.community, scope: input.scope, name: input.name, createdBy: input.createdBy, createdAt: at, expiresAt: input.expiresAt, revokedAt: null, lastUsedAt: null },
    };
  }

  /** The live token for a presented bearer value, or undefined. */
  async verify(presented: string): Promise<TokenRecord | undefined> {
    const match = /^llt_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/.exec(presented);
    if (match === null) return undefined;
    const [, id = '', secret = ''] = match;
    const row = await this.db.get(`SELECT ${TOKEN_COLUMNS} FROM id_api_token WHERE id = ?`, [id]);
    if (row === undefined || !constantTimeEqual(sha256Hex(secret), toText(row.secret_hash))) return undefined;
    const record = recordOf(row);
    const at = this.now();
    if (record.revokedAt !== null || (record.expiresAt !== null && record.expiresAt <= at)) return undefined;
    // Last use is shown to admins; a minute's precision is enough and saves a write per request.
    if (record.lastUsedAt === null || at - record.lastUsedAt > 60_000) await this.db.run('UPDATE id_api_token SET last_used_at = ? WHERE id = ?', [at, id]);
    return record;
  }

  async list(community: string): Promise<TokenRecord[]> {
    const rows = await this.db.all(`SELECT ${TOKEN_COLUMNS} FROM id_api_token WHERE community = ? ORDER BY created_at DESC, id`, [community]);
    return rows.map(recordOf);
  }

  async revoke(community: string, id: string): Promise<boolean> {
    return (await this.db.run('UPDATE id_api_token SET revoked_at = ? WHERE community = ? AND id = ? AND revoked_at IS NULL', [this.now(), community, id])) > 0;
  }
}

function recordOf(row: Record<string, unknown>): TokenRecord {
  const scope = toText(row.scope);
  return {
    id: toText(row.id),
    community: toText(row.community),
    scope: scope === 'worker' ? 'worker' : 'read-only',
    name: toText(row.name),
    createdBy: toText(row.created_by),
    createdAt: toNumber(row.created_at),
    expiresAt: toNumberOrNull(row.expires_at),
    revokedAt: toNumberOrNull(row.revoked_at),
    lastUsedAt: toNumberOrNull(row.last_used_at),
  };
}
