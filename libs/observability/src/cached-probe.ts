/**
 * A yes/no check (does the database answer?) that many callers may ask often — a load balancer's
 * /health — run at most once per `maxAgeMs`: callers within that time share the last answer,
 * and callers while a check runs share that check.
 */
export class CachedProbe {
  private last: { at: number; up: boolean } | null = null;
  private running: Promise<boolean> | null = null;

  constructor(
    private readonly check: () => Promise<boolean>,
    private readonly maxAgeMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  up(): Promise<boolean> {
    if (this.last !== null && this.now() - this.last.at < this.maxAgeMs) return Promise.resolve(this.last.up);
    this.running ??= this.check()
      .catch(() => false)
      .then((up) => {
        this.last = { at: this.now(), up };
        this.running = null;
        return up;
      });
    return this.running;
  }
}
