import { toNumber, toNumberOrNull, toText, toTextOrNull, type SqlDatabase, type SqlRow, type SqlTx } from '../persistence/sql-database.js';

export interface UserRecord {
  readonly id: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly isSubDistrictAdmin: boolean;
  readonly mustChangePassword: boolean;
  readonly disabledAt: number | null;
  readonly createdAt: number;
}

/** A user's roles in one community. */
export interface CommunityRoles {
  readonly id: string;
  /** The community's display name (null if the community row is missing). */
  readonly name: string | null;
  readonly roles: readonly string[];
}

const USER_COLUMNS = 'id, display_name, password_hash, is_sub_district_admin, must_change_password, disabled_at, created_at';

function userOf(row: SqlRow): UserRecord {
  return {
    id: toText(row.id),
    displayName: toText(row.display_name),
    passwordHash: toText(row.password_hash),
    isSubDistrictAdmin: toNumber(row.is_sub_district_admin) === 1,
    mustChangePassword: toNumber(row.must_change_password) === 1,
    disabledAt: toNumberOrNull(row.disabled_at),
    createdAt: toNumber(row.created_at),
  };
}

/** Users and their memberships (user × community × role). */
export class UserStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  async find(id: string, tx: SqlTx = this.db): Promise<UserRecord | undefined> {
    const row = await tx.get(`SELECT ${USER_COLUMNS} FROM id_user WHERE id = ?`, [id]);
    return row === undefined ? undefined : userOf(row);
  }

  async count(): Promise<number> {
    const row = await this.db.get('SELECT count(*) AS n FROM id_user');
    return toNumber(row?.n ?? 0);
  }

  async create(
    input: { id: string; displayName: string; passwordHash: string; isSubDistrictAdmin?: boolean; mustChangePassword: boolean },
    tx: SqlTx = this.db,
  ): Promise<void> {
    const at = this.now();
    await tx.run(
      `INSERT INTO id_user (${USER_COLUMNS}, password_changed_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
      [input.id, input.displayName, input.passwordHash, input.isSubDistrictAdmin === true ? 1 : 0, input.mustChangePassword ? 1 : 0, at, at],
    );
  }

  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean, tx: SqlTx = this.db): Promise<void> {
    await tx.run('UPDATE id_user SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?', [
      passwordHash,
      mustChangePassword ? 1 : 0,
      this.now(),
      id,
    ]);
  }

  /** Every community the user holds a role in, with the roles. */
  async communitiesOf(userId: string, tx: SqlTx = this.db): Promise<CommunityRoles[]> {
    const rows = await tx.all(
      'SELECT m.community, m.role_key, c.name FROM id_membership m LEFT JOIN id_community c ON c.id = m.community WHERE m.user_id = ? ORDER BY m.community, m.role_key',
      [userId],
    );
    const byCommunity = new Map<string, { id: string; name: string | null; roles: string[] }>();
    for (const row of rows) {
      const id = toText(row.community);
      const entry = byCommunity.get(id) ?? { id, name: toTextOrNull(row.name), roles: [] };
      entry.roles.push(toText(row.role_key));
      byCommunity.set(id, entry);
    }
    return [...byCommunity.values()];
  }

  async rolesIn(userId: string, community: string, tx: SqlTx = this.db): Promise<string[]> {
    const rows = await tx.all('SELECT role_key FROM id_membership WHERE user_id = ? AND community = ? ORDER BY role_key', [userId, community]);
    return rows.map((row) => toText(row.role_key));
  }

  /** Replaces the user's roles in one community; returns the roles held before. */
  async setRoles(input: { userId: string; community: string; roles: readonly string[]; grantedBy: string }, tx: SqlTx): Promise<string[]> {
    const before = await this.rolesIn(input.userId, input.community, tx);
    await tx.run('DELETE FROM id_membership WHERE user_id = ? AND community = ?', [input.userId, input.community]);
    const at = this.now();
    for (const role of new Set(input.roles)) {
      await tx.run('INSERT INTO id_membership (user_id, community, role_key, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)', [
        input.userId,
        input.community,
        role,
        input.grantedBy,
        at,
      ]);
    }
    return before;
  }

  /** Members of a community with their roles, by user id. */
  async membersOf(community: string): Promise<{ user: UserRecord; roles: string[] }[]> {
    const rows = await this.db.all(
      `SELECT ${USER_COLUMNS.split(', ').map((c) => `u.${c}`).join(', ')}, m.role_key FROM id_membership m JOIN id_user u ON u.id = m.user_id
       WHERE m.community = ? ORDER BY u.id, m.role_key`,
      [community],
    );
    const members = new Map<string, { user: UserRecord; roles: string[] }>();
    for (const row of rows) {
      const id = toText(row.id);
      const entry = members.get(id) ?? { user: userOf(row), roles: [] };
      entry.roles.push(toText(row.role_key));
      members.set(id, entry);
    }
    return [...members.values()];
  }

  async roleInUse(community: string, role: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS x FROM id_membership WHERE community = ? AND role_key = ? LIMIT 1', [community, role])) !== undefined;
  }
}
