import { toText, type SqlDatabase } from '../persistence/sql-database.js';
import { normaliseCode, readableCode, sha256Hex } from './secrets.js';

/** 20 characters from a 30-letter alphabet: ~98 bits, so codes cannot be guessed or enumerated. */
const codeLength = 20;

/**
 * Tracking codes for cases residents submit without an account. Only the sha256 of the
 * normalised code is stored; the resident sees the code once, when they submit.
 */
export class TrackingCodes {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  async issue(community: string, instanceId: string): Promise<string> {
    const code = readableCode(codeLength);
    await this.db.run('INSERT INTO id_tracking_code (code_hash, community, instance_id, created_at) VALUES (?, ?, ?, ?)', [
      sha256Hex(normaliseCode(code)),
      community,
      instanceId,
      this.now(),
    ]);
    return code;
  }

  /** The case a code names, or undefined (malformed and unknown codes look the same). */
  async find(code: string): Promise<{ community: string; instanceId: string } | undefined> {
    const normal = normaliseCode(code);
    if (normal.length !== codeLength) return undefined;
    const row = await this.db.get('SELECT community, instance_id FROM id_tracking_code WHERE code_hash = ?', [sha256Hex(normal)]);
    return row === undefined ? undefined : { community: toText(row.community), instanceId: toText(row.instance_id) };
  }
}
