/** Which cases a statistics query reads: communities the caller may see, a period, processes. */
export interface StatsFilter {
  /** Never empty: the caller's communities, already checked. */
  readonly communities: readonly string[];
  /** Cases started in [from, to) (ms). */
  readonly from: number;
  readonly to: number;
  /** Only these process keys; all when absent or empty. */
  readonly processKeys?: readonly string[];
  /** The clock, for "the response time limit has already passed" on open cases. */
  readonly now: number;
}

/** `?, ?, ?` for a list bound as parameters. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
