import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from '@spinout/event-store';
import type { AppConfig } from '../config/app-config';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
  etag?: string;
  location?: string;
}

/** A claim held by one request: only the request with its token may complete or release it. */
export interface HeldClaim {
  principalId: string;
  key: string;
  token: string;
}

export type Claim =
  | { outcome: 'claimed'; claim: HeldClaim }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' };

export interface IdempotencyTimes {
  /** How long a claim is its request's; a retry may take over a claim whose lease has ended. */
  leaseMs: number;
  /** How long a stored outcome (or an abandoned claim) is kept before it is purged. */
  retentionMs: number;
}

export const DEFAULT_IDEMPOTENCY_TIMES: IdempotencyTimes = { leaseMs: 30_000, retentionMs: 24 * 3_600_000 };

export function idempotencyTimes(
  config: Pick<AppConfig, 'idempotencyClaimLeaseSeconds' | 'idempotencyRetentionHours'>,
): IdempotencyTimes {
  return {
    leaseMs: (config.idempotencyClaimLeaseSeconds ?? 30) * 1000,
    retentionMs: (config.idempotencyRetentionHours ?? 24) * 3_600_000,
  };
}

/** Rows deleted per purge statement: each is its own short transaction. */
const PURGE_BATCH = 500;

interface Row {
  fingerprint: string;
  status_code: number | null;
  response_body: string | null;
  etag: string | null;
  location: string | null;
}

/**
 * Idempotency records in the same database as the events (ADR 005, 012). A key is claimed with
 * a lease; its outcome is written by the request holding the claim, in the transaction of the
 * command's append when there is one; an outcome or an abandoned claim is purged after the
 * retention.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: SqlDatabase,
    readonly times: IdempotencyTimes = DEFAULT_IDEMPOTENCY_TIMES,
  ) {}

  /**
   * Claims a key for a request, or says what happened to the earlier request with that key. A
   * claim whose lease ended without an outcome (its request died) is taken over by the same
   * request; a key whose outcome expired is free again for any request.
   */
  async claim(principalId: string, key: string, fingerprint: string, now: Date): Promise<Claim> {
    const token = randomUUID();
    const claimed = await this.db.query(
      `INSERT INTO idempotency_keys (principal_id, idempotency_key, fingerprint, created_at, claim_token, lease_expires_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (principal_id, idempotency_key) DO UPDATE SET
         fingerprint = excluded.fingerprint, created_at = excluded.created_at, claim_token = excluded.claim_token,
         lease_expires_at = excluded.lease_expires_at, expires_at = excluded.expires_at,
         status_code = NULL, response_body = NULL, etag = NULL, location = NULL, completed_at = NULL
       WHERE (idempotency_keys.status_code IS NULL AND idempotency_keys.lease_expires_at <= excluded.created_at
              AND idempotency_keys.fingerprint = excluded.fingerprint)
          OR idempotency_keys.expires_at <= excluded.created_at
       RETURNING idempotency_key`,
      [
        principalId,
        key,
        fingerprint,
        now.toISOString(),
        token,
        this.after(now, this.times.leaseMs),
        this.after(now, this.times.retentionMs),
      ],
    );
    if (claimed.length === 1) return { outcome: 'claimed', claim: { principalId, key, token } };
    const [row] = await this.db.query<Row>(
      'SELECT fingerprint, status_code, response_body, etag, location FROM idempotency_keys WHERE principal_id = $1 AND idempotency_key = $2',
      [principalId, key],
    );
    if (!row) return this.claim(principalId, key, fingerprint, now); // released or purged meanwhile: try again
    if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (row.status_code === null) return { outcome: 'in_progress' };
    return {
      outcome: 'replay',
      response: {
        statusCode: Number(row.status_code),
        body: row.response_body === null ? undefined : JSON.parse(row.response_body),
        etag: row.etag ?? undefined,
        location: row.location ?? undefined,
      },
    };
  }

  /**
   * Stores the outcome of the request holding `claim`, through `executor` (the transaction of
   * the command's append, or the database). False when the claim is no longer this request's:
   * a retry took it over after its lease ended.
   */
  async complete(
    claim: HeldClaim,
    response: StoredResponse,
    now: Date,
    executor: SqlExecutor = this.db,
  ): Promise<boolean> {
    const updated = await executor.query(
      `UPDATE idempotency_keys SET status_code = $4, response_body = $5, etag = $6, location = $7, completed_at = $8, expires_at = $9
        WHERE principal_id = $1 AND idempotency_key = $2 AND claim_token = $3 RETURNING idempotency_key`,
      [
        claim.principalId,
        claim.key,
        claim.token,
        response.statusCode,
        JSON.stringify(response.body ?? null),
        response.etag ?? null,
        response.location ?? null,
        now.toISOString(),
        this.after(now, this.times.retentionMs),
      ],
    );
    return updated.length === 1;
  }

  /** Forgets a claim whose request failed without an outcome, so the client may retry it at once. */
  async release(claim: HeldClaim): Promise<void> {
    await this.db.query(
      'DELETE FROM idempotency_keys WHERE principal_id = $1 AND idempotency_key = $2 AND claim_token = $3 AND status_code IS NULL',
      [claim.principalId, claim.key, claim.token],
    );
  }

  /**
   * Deletes the outcomes and abandoned claims whose retention ended, a batch per statement so no
   * transaction stays open for long. Returns how many rows went.
   */
  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const deleted = await this.db.query(
        `DELETE FROM idempotency_keys WHERE (principal_id, idempotency_key) IN (
           SELECT principal_id, idempotency_key FROM idempotency_keys
            WHERE expires_at <= $1 AND (status_code IS NOT NULL OR lease_expires_at <= $1) LIMIT $2
         ) RETURNING idempotency_key`,
        [now.toISOString(), PURGE_BATCH],
      );
      purged += deleted.length;
      if (deleted.length < PURGE_BATCH) return purged;
    }
  }

  private after(now: Date, ms: number): string {
    return new Date(now.getTime() + ms).toISOString();
  }
}
