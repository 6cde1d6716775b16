import type { SqlDatabase } from '@spinout/event-store';

/**
 * Uniqueness across streams, which one stream's optimistic concurrency cannot give: a value is
 * claimed for an owner (a stream's aggregate id) before the owner's events are appended. The
 * claim is a primary-key insert, so two concurrent claims of one value cannot both win.
 * A claim whose append then fails is released.
 */
export class UniqueClaims {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Claims `value` in `scope` for `owner`. Returns the current owner (equal to `owner` when it
   * holds the claim) and whether this call made the claim (only such a claim may be released
   * when the append fails).
   */
  async claim(scope: string, value: string, owner: string, at: string): Promise<{ owner: string; created: boolean }> {
    const inserted = await this.db.query(
      'INSERT INTO unique_claims (scope, value, owner, claimed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (scope, value) DO NOTHING RETURNING owner',
      [scope, value, owner, at],
    );
    if (inserted.length === 1) return { owner, created: true };
    const [row] = await this.db.query<{ owner: string }>(
      'SELECT owner FROM unique_claims WHERE scope = $1 AND value = $2',
      [scope, value],
    );
    return { owner: row.owner, created: false };
  }

  async release(scope: string, value: string, owner: string): Promise<void> {
    await this.db.query('DELETE FROM unique_claims WHERE scope = $1 AND value = $2 AND owner = $3', [
      scope,
      value,
      owner,
    ]);
  }
}
