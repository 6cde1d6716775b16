import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqlExecutor } from '../sql/database.port';
import { StopRequestedError } from './batch-committer';
import type { ProcessorLease } from './processor-lease';
import { describeError, type ProcessorLogger } from './processor-logger';

/** An open request that the active instance of a processor hand it over. */
export interface HandoverRequest {
  requestedBy: string;
  /** ISO 8601; the request lapses then unless its requester renews it. */
  expiresAt: string;
}

/**
 * `processor_handovers` (PostgreSQL): a rebuild in another process asks the instance that holds a
 * processor's lease to give it up. The active runner looks for a request between batches,
 * releases its lease and stands by while the request is open; standbys do not take the lease
 * meanwhile. The requester renews the request while it waits and withdraws it once it holds the
 * lease (or gives up). A requester that dies renews nothing: its request lapses at `expires_at`,
 * and the service takes the processor back. Times are the database's, so no two clocks meet.
 */
export class ProcessorHandoverStore {
  /** Opens or renews the request for `name` by `requestedBy`, open for `ttlMs` from now. */
  async request(db: SqlExecutor, name: string, requestedBy: string, ttlMs: number): Promise<void> {
    await db.query(
      `INSERT INTO processor_handovers (name, requested_by, requested_at, expires_at)
       VALUES ($1, $2, now(), now() + $3::integer * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET requested_by = excluded.requested_by, expires_at = excluded.expires_at,
         requested_at = CASE WHEN processor_handovers.requested_by = excluded.requested_by THEN processor_handovers.requested_at ELSE excluded.requested_at END`,
      [name, requestedBy, Math.ceil(ttlMs)],
    );
  }

  /** The open request for `name`, or null (none, or it lapsed). */
  async open(db: SqlExecutor, name: string): Promise<HandoverRequest | null> {
    const [row] = await db.query<{ requested_by: string; expires_at: Date | string }>(
      'SELECT requested_by, expires_at FROM processor_handovers WHERE name = $1 AND expires_at > now()',
      [name],
    );
    return row ? { requestedBy: row.requested_by, expiresAt: new Date(row.expires_at).toISOString() } : null;
  }

  /** Removes the request if it is still `requestedBy`'s (and any lapsed one). */
  async withdraw(db: SqlExecutor, name: string, requestedBy: string): Promise<void> {
    await db.query('DELETE FROM processor_handovers WHERE name = $1 AND (requested_by = $2 OR expires_at <= now())', [
      name,
      requestedBy,
    ]);
  }
}

/** Who asks, as operators read it in logs and in the table: host, process id and a unique suffix. */
export function handoverRequester(purpose = 'rebuild'): string {
  return `${purpose} on ${hostname()} pid ${process.pid} (${randomUUID().slice(0, 8)})`;
}

/** Another process ran the processor while a rebuild of it ran, or would not give it up. */
export class RebuildConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildConflictError';
  }
}

/** A hand-over request lapses this long after its requester last renewed it, at the least. */
const MIN_REQUEST_TTL_MS = 5000;

export interface HandoverAcquisition {
  processor: string;
  db: SqlExecutor;
  lease: ProcessorLease;
  handovers: ProcessorHandoverStore;
  /** Give up after this long. */
  waitMs: number;
  /** Between lease tries; the request is renewed at each. */
  retryMs: number;
  logger: ProcessorLogger;
  pause(ms: number): Promise<void>;
  stopping(): boolean;
  onRequested?(): void;
}

/**
 * Takes a lease another instance holds by asking it to hand over: opens a request, tries the
 * lease every `retryMs` and renews the request each time, until the lease is taken or `waitMs`
 * has passed. The request is withdrawn either way, so the instance that gave the lease up takes
 * it back, through its ordinary lease retries, once the caller releases it.
 */
export async function acquireByHandover(options: HandoverAcquisition): Promise<void> {
  const { processor, db, lease, handovers } = options;
  const requester = handoverRequester();
  const ttlMs = Math.max(MIN_REQUEST_TTL_MS, 5 * options.retryMs);
  const deadline = Date.now() + options.waitMs;
  await handovers.request(db, processor, requester, ttlMs);
  options.onRequested?.();
  options.logger.log(`Processor ${processor} is active in another instance: asked it to hand over`);
  try {
    for (;;) {
      await options.pause(Math.min(options.retryMs, Math.max(0, deadline - Date.now())));
      if (options.stopping()) throw new StopRequestedError(processor);
      if (await lease.tryAcquire()) return;
      if (Date.now() >= deadline) {
        throw new RebuildConflictError(
          `Processor ${processor} is still active in another instance ${Math.round(options.waitMs / 1000)} s after it was asked to hand over; ` +
            'that instance may run a version without hand-over: stop it, then rebuild',
        );
      }
      await handovers.request(db, processor, requester, ttlMs);
    }
  } finally {
    await handovers.withdraw(db, processor, requester).catch((error: unknown) => {
      options.logger.warn(
        `Processor ${processor}: withdrawing the hand-over request failed (it lapses by itself): ${describeError(error)}`,
      );
    });
  }
}
