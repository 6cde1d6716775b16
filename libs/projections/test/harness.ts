import type { Checkpoint, SqlDatabase, StoredEvent } from '@spinout/event-store';
import { SqlEventStore } from '@spinout/event-store';
import type { Processor } from '@spinout/event-store/processing/processor.port';
import { type DatabaseKind, type OpenedDatabase } from '../../event-store/test/databases';
import { settledHead } from '../../event-store/test/events';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS, PROJECTION_TABLES } from '../src';

/** A database with the event store and every read model, and a processor driver standing in for the runtime. */
export interface ProjectionDb {
  opened: OpenedDatabase;
  db: SqlDatabase;
  store: SqlEventStore;
  dispose(): Promise<void>;
}

export async function openProjectionDb(kind: DatabaseKind): Promise<ProjectionDb> {
  const opened = await kind.open({ entities: PROJECTION_ENTITIES, migrations: PROJECTION_MIGRATIONS });
  return { opened, db: opened.db, store: new SqlEventStore(opened.db), dispose: () => opened.dispose() };
}

/**
 * Drives processors the way the runtime does: read the log after the processor's checkpoint
 * in batches, keep the types it subscribes to, and apply each batch with `handle` in one
 * transaction. Checkpoints live in memory here.
 */
export class Driver {
  private readonly checkpoints = new Map<string, Checkpoint | null>();

  constructor(
    private readonly p: ProjectionDb,
    readonly processors: readonly Processor[],
  ) {}

  /**
   * Processes everything appended so far. On PostgreSQL it first waits until all of it is
   * readable, by appending a marker event and waiting for it (markers show in the audit trail).
   */
  async catchUp(batchSize?: number, settle = true): Promise<void> {
    if (settle) await settledHead(this.p.store);
    for (const processor of this.processors) await this.run(processor, batchSize ?? processor.batchSize ?? 500);
  }

  /** Rebuild: reset in a transaction, then replay from the start (what was readable before stays readable). */
  async rebuild(batchSize?: number): Promise<void> {
    for (const processor of this.processors) {
      await this.p.db.transaction((tx) => processor.reset?.(tx) ?? Promise.resolve());
      this.checkpoints.set(processor.name, null);
    }
    await this.catchUp(batchSize, false);
  }

  private async run(processor: Processor, batchSize: number): Promise<void> {
    const types = processor.eventTypes && new Set(processor.eventTypes);
    for (;;) {
      const after = this.checkpoints.get(processor.name) ?? null;
      const { events, checkpoint } = await this.p.store.readAll(after, batchSize);
      if (events.length === 0) return;
      const wanted: StoredEvent[] = types ? events.filter((event) => types.has(event.type)) : events;
      if (wanted.length > 0) await this.p.db.transaction((tx) => processor.handle(wanted, tx));
      this.checkpoints.set(processor.name, checkpoint);
    }
  }
}

/** Every row of every projection table, in key order, as the driver returned them. */
export async function dumpTables(db: SqlDatabase): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of PROJECTION_TABLES) {
    out[table.name] = await db.query(`SELECT * FROM ${table.name} ORDER BY ${table.key.join(', ')}`);
  }
  return out;
}
