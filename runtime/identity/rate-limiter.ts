/**
 * A sliding-window counter per key, in memory (per node): for the public intake, tracking
 * lookups and challenges, where a restart forgiving a few requests does no harm. Sign-in
 * throttling uses the database instead (`login-throttle.ts`), since it guards accounts.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts one hit; returns 0 when allowed, else the milliseconds until the next is. */
  take(key: string): number {
    const at = this.now();
    const recent = (this.hits.get(key) ?? []).filter((time) => time > at - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return (recent[0] ?? at) + this.windowMs - at;
    }
    recent.push(at);
    this.hits.delete(key);
    // Oldest keys go first when full, so a flood of addresses cannot grow memory without bound.
    if (this.hits.size >= this.maxKeys) this.hits.delete(this.hits.keys().next().value ?? '');
    this.hits.set(key, recent);
    return 0;
  }
}
