import { randomInt } from 'node:crypto';
import { toNumber, toNumberOrNull, toText, type SqlDatabase } from '../persistence/sql-database.js';
import { randomSecret, sha256Hex } from './secrets.js';

const digitsZh = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface Challenge {
  readonly challengeId: string;
  /** Chinese first, then English; numbers in Chinese characters so naive scripts must parse them. */
  readonly question: string;
  readonly expiresAt: string;
}

/**
 * The public intake's human check: a small sum written in Chinese numerals, answerable once
 * within ten minutes. Not a CAPTCHA against determined attackers; with the per-address rate
 * limit it stops casual scripted abuse without locking out elderly residents.
 */
export class HumanCheck {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
    private readonly lifetimeMs = 10 * 60_000,
  ) {}

  async issue(): Promise<Challenge> {
    const a = randomInt(1, 10);
    const b = randomInt(1, 10);
    const id = randomSecret(16).replace(/[-_]/g, 'x').slice(0, 22);
    const expiresAt = this.now() + this.lifetimeMs;
    await this.db.run('INSERT INTO id_human_challenge (id, answer_hash, expires_at, used_at) VALUES (?, ?, ?, NULL)', [id, sha256Hex(`${id}:${a + b}`), expiresAt]);
    return {
      challengeId: id,
      question: `${digitsZh[a] ?? a} 加 ${digitsZh[b] ?? b} 等于几？（请填阿拉伯数字）/ What is ${a} plus ${b}? (answer in digits)`,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /** Consumes the challenge (right or wrong, it cannot be tried again) and says whether the answer was right. */
  async verify(challengeId: string, answer: string): Promise<boolean> {
    const row = await this.db.get('SELECT id, answer_hash, expires_at, used_at FROM id_human_challenge WHERE id = ?', [challengeId]);
    if (row === undefined) return false;
    const at = this.now();
    const consumed = await this.db.run('UPDATE id_human_challenge SET used_at = ? WHERE id = ? AND used_at IS NULL', [at, challengeId]);
    if (consumed === 0 || toNumberOrNull(row.used_at) !== null || toNumber(row.expires_at) <= at) return false;
    return sha256Hex(`${toText(row.id)}:${answer.trim()}`) === toText(row.answer_hash);
  }

  async prune(): Promise<number> {
    return this.db.run('DELETE FROM id_human_challenge WHERE expires_at < ?', [this.now() - 86_400_000]);
  }
}
