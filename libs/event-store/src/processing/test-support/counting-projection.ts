import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent } from '../../event-store.port';
import type { SqlExecutor } from '../../sql/database.port';
import type { Processor } from '../processor.port';

/**
 * A read model for the processor specs: per stream, how many events and the sum of their
 * amounts, plus one row per handled event (no unique key, so a double delivery shows as two
 * rows instead of being hidden by a constraint).
 */
export interface CountingProjectionOptions {
  name: string;
  /** Prefix of the two tables: `<table>_counts` and `<table>_handled`. */
  table: string;
  eventTypes?: readonly string[];
  batchSize?: number;
  /** Written into every handled row: which host handled it. */
  instance?: string;
  /** Runs after the batch's writes, inside its transaction: throw to fail the batch, wait to keep it open. */
  afterWrites?: (events: readonly StoredEvent[], tx: SqlExecutor) => Promise<void>;
  /** Throw for this event, before any write of it. */
  failOn?: (event: StoredEvent) => Error | null;
}

export async function createCountingTables(db: SqlExecutor, table: string): Promise<void> {
  await db.query(
    `CREATE TABLE ${table}_counts (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, amount INTEGER NOT NULL, last_version INTEGER NOT NULL)`,
  );
  await db.query(
    `CREATE TABLE ${table}_handled (event_id TEXT NOT NULL, global_position BIGINT NOT NULL, instance TEXT NOT NULL)`,
  );
}

export function countingProjection(options: CountingProjectionOptions): Processor {
  const { table } = options;
  return {
    name: options.name,
    eventTypes: options.eventTypes,
    batchSize: options.batchSize,
    async handle(events, tx) {
      for (const event of events) {
        const failure = options.failOn?.(event);
        if (failure) throw failure;
        const amount = Number((event.data as { amount?: number }).amount ?? 0);
        await tx.query(
          `INSERT INTO ${table}_counts (stream_id, events, amount, last_version) VALUES ($1, 1, $2, $3)
           ON CONFLICT (stream_id) DO UPDATE SET events = ${table}_counts.events + 1, amount = ${table}_counts.amount + excluded.amount,
           last_version = excluded.last_version`,
          [event.streamId, amount, event.streamVersion],
        );
        await tx.query(`INSERT INTO ${table}_handled (event_id, global_position, instance) VALUES ($1, $2, $3)`, [
          event.eventId,
          event.globalPosition,
          options.instance ?? 'main',
        ]);
      }
      await options.afterWrites?.(events, tx);
    },
    async reset(tx) {
      await tx.query(`DELETE FROM ${table}_counts`);
      await tx.query(`DELETE FROM ${table}_handled`);
    },
  };
}

export interface CountRow {
  stream_id: string;
  events: number;
  amount: number;
  last_version: number;
}

export async function readCounts(db: SqlExecutor, table: string): Promise<CountRow[]> {
  const rows = await db.query<CountRow>(
    `SELECT stream_id, events, amount, last_version FROM ${table}_counts ORDER BY stream_id`,
  );
  return rows.map((row) => ({
    ...row,
    events: Number(row.events),
    amount: Number(row.amount),
    last_version: Number(row.last_version),
  }));
}

export async function handledCount(db: SqlExecutor, table: string): Promise<number> {
  const [row] = await db.query<{ count: string | number }>(`SELECT count(*) AS count FROM ${table}_handled`);
  return Number(row?.count ?? 0);
}

/** Event ids handled more than once. */
export async function handledTwice(db: SqlExecutor, table: string): Promise<string[]> {
  const rows = await db.query<{ event_id: string }>(
    `SELECT event_id FROM ${table}_handled GROUP BY event_id HAVING count(*) > 1`,
  );
  return rows.map((row) => row.event_id);
}

export interface AppendedTotals {
  /** Per stream: number of events of the counted type and the sum of their amounts. */
  byStream: Map<string, { events: number; amount: number; lastVersion: number }>;
  counted: number;
  other: number;
}

/**
 * `writers` concurrent writers, each appending `appendsPerWriter` times one to three events to
 * one of a few shared streams (expected version `any`, so writers race on the same streams).
 * Every third event has `otherType`, which the counting projection should skip.
 */
export async function appendConcurrently(
  store: EventStore | EventStore[],
  options: { writers: number; appendsPerWriter: number; countedType: string; otherType: string; streams?: number },
): Promise<AppendedTotals> {
  const stores = Array.isArray(store) ? store : [store];
  const streams = Array.from({ length: options.streams ?? 5 }, () => `counted-${randomUUID()}`);
  let serial = 0;
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      const writerStore = stores[writer % stores.length];
      for (let i = 0; i < options.appendsPerWriter; i += 1) {
        const streamId = streams[(writer + i) % streams.length];
        const events = Array.from({ length: 1 + ((writer + i) % 3) }, () => {
          serial += 1;
          const type = serial % 3 === 0 ? options.otherType : options.countedType;
          return {
            eventId: randomUUID(),
            type,
            schemaVersion: 1,
            data: { amount: serial },
            metadata: {
              actor: `user:writer-${writer}`,
              correlationId: randomUUID(),
              occurredAt: new Date().toISOString(),
            },
          } satisfies NewEvent;
        });
        await writerStore.append(streamId, events, 'any');
      }
    }),
  );
  return totalsFromLog(stores[0], streams, options.countedType);
}

/** Expected totals, read back from the streams (their versions are only known after the race). */
async function totalsFromLog(store: EventStore, streams: string[], countedType: string): Promise<AppendedTotals> {
  const byStream = new Map<string, { events: number; amount: number; lastVersion: number }>();
  let counted = 0;
  let other = 0;
  for (const streamId of streams) {
    for (const event of await store.readStream(streamId)) {
      if (event.type !== countedType) {
        other += 1;
        continue;
      }
      counted += 1;
      const totals = byStream.get(streamId) ?? { events: 0, amount: 0, lastVersion: 0 };
      totals.events += 1;
      totals.amount += Number((event.data as { amount: number }).amount);
      totals.lastVersion = event.streamVersion;
      byStream.set(streamId, totals);
    }
  }
  return { byStream, counted, other };
}

export function expectedRows(totals: AppendedTotals): CountRow[] {
  return [...totals.byStream.entries()]
    .map(([stream_id, t]) => ({ stream_id, events: t.events, amount: t.amount, last_version: t.lastVersion }))
    .sort((a, b) => (a.stream_id < b.stream_id ? -1 : a.stream_id > b.stream_id ? 1 : 0));
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
  intervalMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
