/**
 * A small seeded PRNG (mulberry32): the same seed gives the same barrage on every run, so a
 * failure found once is found again. Not for anything but tests.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick: nothing to pick from');
    return items[this.below(items.length)];
  }

  /** `count` distinct items, in their catalogue order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(this.below(items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }

  /**
   * Mostly one of the preferred items (the aggregates in the state the operation expects),
   * sometimes any of the others, so refusals of the deciders are exercised too.
   */
  prefer<T>(preferred: readonly T[], others: readonly T[]): T {
    return preferred.length > 0 && this.next() < 0.8
      ? this.pick(preferred)
      : this.pick(others.length > 0 ? others : preferred);
  }

  /** An id of letters and digits, unique enough for one run. */
  id(prefix: string): string {
    return `${prefix}-${Math.floor(this.next() * 2 ** 32).toString(36)}${Math.floor(this.next() * 2 ** 32).toString(36)}`;
  }
}
