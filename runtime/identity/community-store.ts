import { toNumber, toText, type SqlDatabase, type SqlTx } from '../persistence/sql-database.js';

export interface CommunityRecord {
  readonly id: string;
  readonly subDistrictId: string;
  readonly name: string;
  readonly createdAt: number;
}

export interface CustomRole {
  readonly key: string;
  readonly name: string;
}

/** The sub-district, its communities, and the roles communities add. */
export class CommunityStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  async ensureSubDistrict(id: string, name: string, tx: SqlTx = this.db): Promise<void> {
    if ((await tx.get('SELECT id FROM id_sub_district WHERE id = ?', [id])) !== undefined) return;
    await tx.run('INSERT INTO id_sub_district (id, name, created_at) VALUES (?, ?, ?)', [id, name, this.now()]);
  }

  async create(input: { id: string; subDistrictId: string; name: string }, tx: SqlTx = this.db): Promise<void> {
    await tx.run('INSERT INTO id_community (id, sub_district_id, name, created_at) VALUES (?, ?, ?, ?)', [input.id, input.subDistrictId, input.name, this.now()]);
  }

  async find(id: string, tx: SqlTx = this.db): Promise<CommunityRecord | undefined> {
    const row = await tx.get('SELECT id, sub_district_id, name, created_at FROM id_community WHERE id = ?', [id]);
    return row === undefined
      ? undefined
      : { id: toText(row.id), subDistrictId: toText(row.sub_district_id), name: toText(row.name), createdAt: toNumber(row.created_at) };
  }

  async list(): Promise<CommunityRecord[]> {
    const rows = await this.db.all('SELECT id, sub_district_id, name, created_at FROM id_community ORDER BY id');
    return rows.map((row) => ({ id: toText(row.id), subDistrictId: toText(row.sub_district_id), name: toText(row.name), createdAt: toNumber(row.created_at) }));
  }

  async customRoles(community: string): Promise<CustomRole[]> {
    const rows = await this.db.all('SELECT key, name FROM id_role WHERE community = ? ORDER BY key', [community]);
    return rows.map((row) => ({ key: toText(row.key), name: toText(row.name) }));
  }

  async addRole(community: string, role: CustomRole, tx: SqlTx = this.db): Promise<void> {
    await tx.run('INSERT INTO id_role (community, key, name, created_at) VALUES (?, ?, ?, ?)', [community, role.key, role.name, this.now()]);
  }

  async removeRole(community: string, key: string, tx: SqlTx = this.db): Promise<number> {
    return tx.run('DELETE FROM id_role WHERE community = ? AND key = ?', [community, key]);
  }
}
