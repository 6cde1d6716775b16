import { ProcessorHost, SqlEventStore, type EventStore, type Processor, type SqlDatabase } from '@spinout/event-store';
import { type DatabaseKind, type OpenedDatabase } from '../../event-store/test/databases';
import { settledHead } from '../../event-store/test/events';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS, PROJECTION_TABLES } from '../src';

/** A database with the event store, the processor tables and every read model. */
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

/** The processor runtime hosting the projections, with waits for specs. */
export class Runtime {
  readonly host: ProcessorHost;

  constructor(
    private readonly p: { readonly db: SqlDatabase; readonly store: EventStore },
    readonly processors: readonly Processor[],
  ) {
    this.host = new ProcessorHost({
      db: p.db,
      store: p.store,
      processors,
      pollIntervalMs: 10,
      leaseRetryMs: 50,
      retry: { attempts: 1 },
    });
  }

  start(): void {
    this.host.start();
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  /**
   * Waits until every processor has handled everything appended so far. On PostgreSQL a marker
   * event is appended first and awaited, so all earlier events are readable (markers show in
   * the audit trail). Fails at once if a processor parked an event.
   */
  async settle(timeoutMs = 60_000): Promise<void> {
    await settledHead(this.p.store);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = await this.host.statuses();
      const broken = statuses.find((s) => s.parked > 0);
      if (broken) throw new Error(`${broken.name} parked an event: ${broken.lastError}`);
      if (statuses.every((s) => s.lag === 0 && s.state === 'active')) return;
      if (Date.now() > deadline) throw new Error(`Processors did not catch up: ${JSON.stringify(statuses)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Rebuilds every processor through the runtime (reset, then replay from position zero). */
  async rebuildAll(): Promise<void> {
    for (const name of this.host.names) {
      const result = await this.host.rebuild(name);
      if (result.parked > 0) throw new Error(`${name} parked ${result.parked} events while rebuilding`);
    }
  }
}

/** Every row of every projection table, in key order. */
export async function dumpTables(db: SqlDatabase): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of PROJECTION_TABLES) {
    out[table.name] = await db.query(`SELECT * FROM ${table.name} ORDER BY ${table.key.join(', ')}`);
  }
  return out;
}
