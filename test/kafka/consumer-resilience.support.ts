import { randomBytes } from 'node:crypto';
import type { Message } from 'kafkajs';
import type { EventStore, SqlDatabase } from '@spinout/event-store';
import { toBinaryHeaders } from '@spinout/messaging';

/** A tender outcome as the procurement system sends it; `raw` replaces the JSON of `body`. */
export interface OutcomeRecord {
  id: string;
  type: string;
  body?: unknown;
  raw?: string;
  /** ce_time; now by default. */
  time?: string;
  /** ce_source; `/procurement` by default. */
  source?: string;
  /** The key; the body's ocid by default. */
  key?: string;
}

export function outcomeRecord(record: OutcomeRecord): Message {
  const headers = toBinaryHeaders({
    id: record.id,
    type: record.type,
    source: record.source ?? '/procurement',
    specversion: '1.0',
    time: record.time ?? new Date().toISOString(),
  });
  const key = record.key ?? (record.body as { ocid?: string } | undefined)?.ocid ?? 'none';
  return { key, value: record.raw ?? JSON.stringify(record.body), headers };
}

export function awardBody(unitId: string, ocid: string, providerId: string) {
  return {
    unitId,
    ocid,
    awardId: `award-${ocid}`,
    providerId,
    value: { amountMinor: 360_000_000, currency: 'CNY' },
    contractPeriod: { start: '2026-01-01', end: '2028-12-31' },
  };
}

/**
 * Makes the database itself refuse every event appended to one stream, as a lock that cannot be
 * had does (PostgreSQL: SQLSTATE 55P03 from a trigger; SQLite: a trigger that aborts), until
 * `end()` drops the trigger. Other streams are written as usual.
 */
export async function failInsertsInto(db: SqlDatabase, streamId: string): Promise<{ end(): Promise<void> }> {
  const name = `test_outage_${randomBytes(4).toString('hex')}`;
  const literal = `'${streamId.replace(/'/g, "''")}'`;
  if (db.dialect === 'postgres') {
    await db.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.stream_id = ${literal} THEN RAISE EXCEPTION 'test outage: writes to % refused', NEW.stream_id USING ERRCODE = '55P03'; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER ${name} BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  } else {
    await db.query(
      `CREATE TRIGGER ${name} BEFORE INSERT ON events WHEN NEW.stream_id = ${literal} BEGIN SELECT RAISE(ABORT, 'test outage: writes refused'); END`,
    );
  }
  let ended = false;
  return {
    end: async () => {
      if (ended) return;
      ended = true;
      if (db.dialect === 'postgres') {
        await db.query(`DROP TRIGGER IF EXISTS ${name} ON events`);
        await db.query(`DROP FUNCTION IF EXISTS ${name}()`);
      } else {
        await db.query(`DROP TRIGGER IF EXISTS ${name}`);
      }
    },
  };
}

/** An event store that loses its connection whenever one stream is read or written; the others work. */
export class StreamOutage implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly streamId: string,
  ) {}

  private check(streamId: string): void {
    if (streamId === this.streamId)
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
  }

  append(...args: Parameters<EventStore['append']>) {
    this.check(args[0]);
    return this.inner.append(...args);
  }
  readStream(...args: Parameters<EventStore['readStream']>) {
    this.check(args[0]);
    return this.inner.readStream(...args);
  }
  readAll(...args: Parameters<EventStore['readAll']>) {
    return this.inner.readAll(...args);
  }
  headCheckpoint() {
    return this.inner.headCheckpoint();
  }
  countAfter(...args: Parameters<EventStore['countAfter']>) {
    return this.inner.countAfter(...args);
  }
  verify(...args: Parameters<EventStore['verify']>) {
    return this.inner.verify(...args);
  }
}
