import { toNumber, type SqlDatabase } from '../persistence/sql-database.js';

export interface ThrottleLimits {
  /** Failed attempts on one account within `windowMs` that lock it. */
  readonly accountFailures: number;
  /** Failed attempts from one address within `windowMs` that refuse it. */
  readonly addressFailures: number;
  readonly windowMs: number;
  /** How long a lock lasts after the last failure. */
  readonly lockMs: number;
}

export const defaultThrottleLimits: ThrottleLimits = { accountFailures: 5, addressFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export type ThrottleVerdict = { readonly locked: false } | { readonly locked: true; readonly by: 'account' | 'address'; readonly retryAfterMs: number };

/**
 * Brute-force protection from the login attempts table (so it holds across restarts and
 * nodes): too many failures on an account lock it; too many from one address refuse the address.
 * A success clears the account's count.
 */
export class LoginThrottle {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
    private readonly limits: ThrottleLimits = defaultThrottleLimits,
  ) {}

  async check(account: string, address: string): Promise<ThrottleVerdict> {
    const at = this.now();
    const since = at - Math.max(this.limits.windowMs, this.limits.lockMs);
    const lastSuccess = await this.db.get('SELECT max(at) AS at FROM id_login_attempt WHERE account = ? AND success = 1 AND at >= ?', [account, since]);
    const accountSince = Math.max(since, lastSuccess?.at === null || lastSuccess?.at === undefined ? since : toNumber(lastSuccess.at) + 1);
    const byAccount = await this.failures('account', account, accountSince);
    if (byAccount.count >= this.limits.accountFailures && byAccount.last + this.limits.lockMs > at) {
      return { locked: true, by: 'account', retryAfterMs: byAccount.last + this.limits.lockMs - at };
    }
    const byAddress = await this.failures('address', address, since);
    if (byAddress.count >= this.limits.addressFailures && byAddress.last + this.limits.lockMs > at) {
      return { locked: true, by: 'address', retryAfterMs: byAddress.last + this.limits.lockMs - at };
    }
    return { locked: false };
  }

  async record(account: string, address: string, success: boolean): Promise<void> {
    await this.db.run('INSERT INTO id_login_attempt (account, address, success, at) VALUES (?, ?, ?, ?)', [account, address, success ? 1 : 0, this.now()]);
  }

  /** Forgets attempts older than a day. */
  async prune(): Promise<number> {
    return this.db.run('DELETE FROM id_login_attempt WHERE at < ?', [this.now() - 86_400_000]);
  }

  private async failures(column: 'account' | 'address', value: string, since: number): Promise<{ count: number; last: number }> {
    const row = await this.db.get(`SELECT count(*) AS n, max(at) AS last FROM id_login_attempt WHERE ${column} = ? AND success = 0 AND at >= ?`, [value, since]);
    return { count: toNumber(row?.n ?? 0), last: row?.last === null || row?.last === undefined ? 0 : toNumber(row.last) };
  }
}
