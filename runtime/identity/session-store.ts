import { toNumber, toNumberOrNull, toText, toTextOrNull, type SqlDatabase } from '../persistence/sql-database.js';
import { randomSecret, sha256Hex } from './secrets.js';

export interface SessionRecord {
  readonly idHash: string;
  readonly userId: string;
  readonly community: string | null;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
}

/** Sessions that just ended: one (sign-out), or all of a user's but perhaps the one that asked. */
export type SessionsEnded = { readonly sessionHash: string } | { readonly userId: string; readonly exceptSessionHash: string | null };

/** Browser sessions: the cookie holds a random id; the table holds only its sha256. */
export class SessionStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
    /** Told after sessions are revoked (their open websockets close). */
    private readonly onEnded: (ended: SessionsEnded) => void = () => undefined,
  ) {}

  /** Creates a session and returns the cookie value (shown nowhere else). */
  async create(input: { userId: string; community: string | null; address: string | null; lifetimeMs: number }): Promise<{ id: string; csrfToken: string; expiresAt: number }> {
    const id = randomSecret(32);
    const csrfToken = randomSecret(32);
    const at = this.now();
    const expiresAt = at + input.lifetimeMs;
    await this.db.run(
      'INSERT INTO id_session (id_hash, user_id, community, csrf_token, address, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
      [sha256Hex(id), input.userId, input.community, csrfToken, input.address, at, expiresAt],
    );
    return { id, csrfToken, expiresAt };
  }

  /** The live session for a cookie value: not revoked, not expired. */
  async findLive(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db.get('SELECT id_hash, user_id, community, csrf_token, expires_at, revoked_at FROM id_session WHERE id_hash = ?', [sha256Hex(id)]);
    if (row === undefined) return undefined;
    const session: SessionRecord = {
      idHash: toText(row.id_hash),
      userId: toText(row.user_id),
      community: toTextOrNull(row.community),
      csrfToken: toText(row.csrf_token),
      expiresAt: toNumber(row.expires_at),
      revokedAt: toNumberOrNull(row.revoked_at),
    };
    return session.revokedAt === null && session.expiresAt > this.now() ? session : undefined;
  }

  async revoke(id: string): Promise<void> {
    const sessionHash = sha256Hex(id);
    await this.db.run('UPDATE id_session SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL', [this.now(), sessionHash]);
    this.onEnded({ sessionHash });
  }

  /** Signs the user out everywhere (password reset, disabling). */
  async revokeAllOf(userId: string, exceptIdHash: string | null = null): Promise<number> {
    const ended = await this.db.run('UPDATE id_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id_hash <> ?', [this.now(), userId, exceptIdHash ?? '']);
    this.onEnded({ userId, exceptSessionHash: exceptIdHash });
    return ended;
  }

  async setCommunity(idHash: string, community: string): Promise<void> {
    await this.db.run('UPDATE id_session SET community = ? WHERE id_hash = ?', [community, idHash]);
  }

  /** Drops sessions that ended more than a day ago. */
  async prune(): Promise<number> {
    const cutoff = this.now() - 86_400_000;
    return this.db.run('DELETE FROM id_session WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)', [cutoff, cutoff]);
  }
}
