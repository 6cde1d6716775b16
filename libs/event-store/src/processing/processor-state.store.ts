import type { Checkpoint, StoredEvent } from '../event-store.port';
import type { SqlDialect, SqlExecutor } from '../sql/database.port';

/** A processor's checkpoint row. */
export interface CheckpointRow {
  checkpoint: Checkpoint | null;
  /** When the checkpoint last moved (ISO 8601). */
  updatedAt: string;
}

export interface ParkedEvent {
  processor: string;
  eventId: string;
  globalPosition: number;
  eventType: string;
  error: string;
  attempts: number;
  parkedAt: string;
}

/** The checkpoint moved past the runner's view of it: another instance committed in between. */
export class StaleCheckpointError extends Error {
  constructor(
    readonly processor: string,
    readonly expected: Checkpoint | null,
    readonly actual: Checkpoint | null,
  ) {
    super(
      `Checkpoint of ${processor} is ${actual ?? 'empty'}, expected ${expected ?? 'empty'}: another instance moved it`,
    );
    this.name = 'StaleCheckpointError';
  }
}

/**
 * The SQL of `processor_checkpoints` and `parked_events`, on either dialect. Every write takes
 * the executor it runs in, so it joins the transaction that also carries the read-model writes.
 */
export class ProcessorStateStore {
  constructor(private readonly dialect: SqlDialect) {}

  /** Creates the row (empty checkpoint) if the processor has none yet, so there is always a row to lock. */
  async ensure(db: SqlExecutor, name: string): Promise<void> {
    await db.query(
      'INSERT INTO processor_checkpoints (name, checkpoint, updated_at) VALUES ($1, NULL, $2) ON CONFLICT (name) DO NOTHING',
      [name, new Date().toISOString()],
    );
  }

  async read(db: SqlExecutor, name: string): Promise<CheckpointRow | null> {
    const [row] = await db.query<{ checkpoint: string | null; updated_at: Date | string }>(
      'SELECT checkpoint, updated_at FROM processor_checkpoints WHERE name = $1',
      [name],
    );
    return row ? { checkpoint: row.checkpoint as Checkpoint | null, updatedAt: toIso(row.updated_at) } : null;
  }

  /**
   * Inside a transaction: moves the checkpoint from `expected` to `upTo`, and fails unless the
   * row still held `expected`. The update locks the row until the transaction ends (PostgreSQL;
   * SQLite has one writer), so this fences an instance that lost its lease but has not noticed
   * yet: whichever commits second finds the checkpoint moved and rolls back. One statement,
   * taken first, so the batch's work runs under the lock it would otherwise take separately.
   */
  async advance(tx: SqlExecutor, name: string, expected: Checkpoint | null, upTo: Checkpoint | null): Promise<void> {
    const same = this.dialect === 'postgres' ? 'IS NOT DISTINCT FROM' : 'IS';
    const moved = await tx.query(
      `UPDATE processor_checkpoints SET checkpoint = $3, updated_at = $4 WHERE name = $1 AND checkpoint ${same} $2 RETURNING name`,
      [name, expected, upTo, new Date().toISOString()],
    );
    if (moved.length === 1) return;
    const actual = ((await this.read(tx, name))?.checkpoint ?? null) as Checkpoint | null;
    throw new StaleCheckpointError(name, expected, actual);
  }

  async park(tx: SqlExecutor, name: string, event: StoredEvent, error: string, attempts: number): Promise<void> {
    await tx.query(
      `INSERT INTO parked_events (processor, event_id, global_position, event_type, error, attempts, parked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (processor, event_id) DO UPDATE
       SET error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at`,
      [name, event.eventId, event.globalPosition, event.type, error, attempts, new Date().toISOString()],
    );
  }

  async countParked(db: SqlExecutor, name: string): Promise<number> {
    const [row] = await db.query<{ count: string | number }>(
      'SELECT count(*) AS count FROM parked_events WHERE processor = $1',
      [name],
    );
    return Number(row?.count ?? 0);
  }

  async listParked(db: SqlExecutor, name: string): Promise<ParkedEvent[]> {
    const rows = await db.query<{
      processor: string;
      event_id: string;
      global_position: string | number;
      event_type: string;
      error: string;
      attempts: string | number;
      parked_at: Date | string;
    }>('SELECT * FROM parked_events WHERE processor = $1 ORDER BY global_position', [name]);
    return rows.map((row) => ({
      processor: row.processor,
      eventId: row.event_id,
      globalPosition: Number(row.global_position),
      eventType: row.event_type,
      error: row.error,
      attempts: Number(row.attempts),
      parkedAt: toIso(row.parked_at),
    }));
  }

  async clearParked(tx: SqlExecutor, name: string): Promise<void> {
    await tx.query('DELETE FROM parked_events WHERE processor = $1', [name]);
  }
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
