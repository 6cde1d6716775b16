import type { SqlDatabase } from '@spinout/event-store';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
  etag?: string;
  location?: string;
}

export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' };

interface Row {
  fingerprint: string;
  status_code: number | null;
  response_body: string | null;
  etag: string | null;
  location: string | null;
}

/** Idempotency records in the same database as the events. */
export class IdempotencyStore {
  constructor(private readonly db: SqlDatabase) {}

  /** Claims a key for a request, or says what happened to the earlier request with that key. */
  async claim(principalId: string, key: string, fingerprint: string, now: Date): Promise<Claim> {
    const inserted = await this.db.query(
      `INSERT INTO idempotency_keys (principal_id, idempotency_key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (principal_id, idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [principalId, key, fingerprint, now.toISOString()],
    );
    if (inserted.length === 1) return { outcome: 'claimed' };
    const [row] = await this.db.query<Row>(
      'SELECT fingerprint, status_code, response_body, etag, location FROM idempotency_keys WHERE principal_id = $1 AND idempotency_key = $2',
      [principalId, key],
    );
    if (!row) return this.claim(principalId, key, fingerprint, now); // released meanwhile: try again
    if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (row.status_code === null) return { outcome: 'in_progress' };
    return {
      outcome: 'replay',
      response: { statusCode: Number(row.status_code), body: row.response_body === null ? undefined : JSON.parse(row.response_body), etag: row.etag ?? undefined, location: row.location ?? undefined },
    };
  }

  async complete(principalId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      'UPDATE idempotency_keys SET status_code = $3, response_body = $4, etag = $5, location = $6 WHERE principal_id = $1 AND idempotency_key = $2',
      [principalId, key, response.statusCode, JSON.stringify(response.body ?? null), response.etag ?? null, response.location ?? null],
    );
  }

  /** Forgets a claim whose request failed, so the client may retry it. */
  async release(principalId: string, key: string): Promise<void> {
    await this.db.query('DELETE FROM idempotency_keys WHERE principal_id = $1 AND idempotency_key = $2 AND status_code IS NULL', [principalId, key]);
  }
}
