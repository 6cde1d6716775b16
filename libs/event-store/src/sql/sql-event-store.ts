import { ConcurrencyError, EventIdConflictError } from '../errors';
import type {
  AppendResult,
  Checkpoint,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllResult,
  StoredEvent,
  VerificationReport,
} from '../event-store.port';
import { canonicalJson, chainHash, GENESIS_HASH, type CanonicalPayload } from '../hash-chain';
import { Upcasters } from '../upcasting';
import { pendingAppendTransactionWork, type AppendTransactionWork } from './append-in-transaction';
import { ChainVerifier } from './chain-verifier';
import { decodeCheckpoint, encodeCheckpoint, startCheckpoint } from './checkpoints';
import type { SqlDatabase, SqlExecutor } from './database.port';
import {
  POSTGRES_APPEND_STATEMENT,
  POSTGRES_READ_STREAM_STATEMENT,
  postgresAppend,
  SQLITE_ROWS_PER_INSERT,
  sqliteInsert,
  statementsFor,
  type ChainedRow,
  type EventRow,
  type EventStatements,
  type InsertedRow,
  type InsertRow,
  type ProbeRow,
} from './event-store.statements';
import { StreamHeads, type StreamHead } from './stream-heads';
import { isUniqueViolation } from './typeorm-sql-database';

/** A racing writer's unique violation makes us re-read and re-decide; this bounds how often. */
const MAX_APPEND_ATTEMPTS = 50;

/** A new event with its canonical data and metadata, computed once: stored and hashed. */
interface PreparedEvent extends NewEvent, CanonicalPayload {}

const GENESIS_HEAD: StreamHead = { version: 0, hash: GENESIS_HASH };

/** What a look at the stream and the event ids settled: the append's result, or the head to chain from. */
type Probed = { result: AppendResult } | { head: StreamHead };

/**
 * The event store on PostgreSQL or SQLite through `SqlDatabase`.
 *
 * PostgreSQL: the hashes are chained here from the head this store last saw of the stream (or
 * the genesis of a new one), and one prepared statement inserts the events only if that is still
 * the stream's head. That is one round trip when the guess is right, as it is after the stream
 * was read to decide the command. When it is not (no rows inserted), or a unique index refused
 * (a racing writer took the versions, or the event ids are stored already), a probe reads the
 * head and any stored ids, and settles: the stored events' result (idempotent retry), a
 * `ConcurrencyError`, or another try chained from the real head.
 * SQLite: the probe, then a multi-row INSERT, queued on its one connection.
 * Optimistic concurrency rests on UNIQUE (stream_id, stream_version) on both. The head read
 * needs no lock: the INSERT only succeeds if nobody took those versions, and a stored version
 * never changes, so the hash read is still the predecessor's.
 * Both record the stream's new head in `stream_heads` with the events (PostgreSQL: in the
 * append statement; SQLite: a trigger on the INSERT), for verification to compare against.
 */
export class SqlEventStore implements EventStore {
  private readonly sql: EventStatements;
  /** PostgreSQL: heads of streams this store read or wrote, to hash an append before sending it. */
  private readonly heads = new StreamHeads();

  constructor(
    private readonly db: SqlDatabase,
    private readonly upcasters: Upcasters = new Upcasters(),
  ) {
    this.sql = statementsFor(db.dialect);
  }

  currentSchemaVersion(type: string): number {
    return this.upcasters.currentSchemaVersion(type);
  }

  /**
   * Appends; when the caller's async context carries work that must commit with the append
   * (`withAppendTransactionWork`), the append and that work run in one transaction.
   */
  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    checkExpected(expected);
    const prepared = prepare(events);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const work = pendingAppendTransactionWork();
        return await (work
          ? this.appendWithWork(streamId, prepared, expected, work)
          : this.tryAppend(streamId, prepared, expected));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= MAX_APPEND_ATTEMPTS)
          throw new ConcurrencyError(streamId, String(expected), await this.currentVersion(streamId));
      }
    }
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const { sql, params } = this.sql.readStream(streamId, fromVersion);
    const rows = await this.db.query<EventRow>(sql, params, { prepareAs: POSTGRES_READ_STREAM_STATEMENT });
    const last = rows[rows.length - 1];
    if (last) this.heads.remember(streamId, { version: Number(last.stream_version), hash: last.hash });
    return rows.map((row) => this.upcasters.upcast(this.toStored(row)));
  }

  async readAll(after: Checkpoint | null, limit: number, types?: readonly string[]): Promise<ReadAllResult> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`readAll limit must be a positive integer, got ${limit}`);
    if (types !== undefined && !types.every((type) => typeof type === 'string'))
      throw new Error('readAll types must be strings');
    const { sql, params } = this.sql.readAll(decodeCheckpoint(this.db.dialect, after), limit, types);
    if (types === undefined) {
      const rows = await this.db.query<EventRow>(sql, params);
      const events = rows.map((row) => this.upcasters.upcast(this.toStored(row)));
      return {
        events,
        checkpoint: events.length > 0 ? events[events.length - 1].checkpoint : after,
        scanned: rows.length,
      };
    }
    const rows = await this.db.query<Partial<EventRow> & ScanRow>(sql, params);
    if (rows.length === 0) return { events: [], checkpoint: after, scanned: 0 };
    const [window] = rows;
    const events = rows
      .filter((row): row is EventRow & ScanRow => row.event_id !== null && row.event_id !== undefined)
      .map((row) => this.upcasters.upcast(this.toStored(row)));
    return {
      events,
      checkpoint: encodeCheckpoint(this.db.dialect, window.scan_tx_id ?? undefined, window.scan_position),
      scanned: Number(window.scanned),
    };
  }

  async headCheckpoint(): Promise<Checkpoint | null> {
    const { sql, params } = this.sql.head();
    const [row] = await this.db.query<{ tx_id?: string; global_position: string | number }>(sql, params);
    return row ? encodeCheckpoint(this.db.dialect, row.tx_id, row.global_position) : null;
  }

  async countAfter(after: Checkpoint | null, exactUpTo?: number): Promise<number> {
    if (exactUpTo !== undefined && (!Number.isSafeInteger(exactUpTo) || exactUpTo < 1))
      throw new Error(`countAfter exactUpTo must be a positive integer, got ${exactUpTo}`);
    const { sql, params } = this.sql.countAfter(decodeCheckpoint(this.db.dialect, after), exactUpTo);
    const [row] = await this.db.query<{ count: string | number; spread?: string | number | null }>(sql, params);
    const count = Number(row?.count ?? 0);
    return exactUpTo !== undefined && count >= exactUpTo ? Math.max(count, Number(row?.spread ?? 0)) : count;
  }

  /** Every event's hash and link, and every stream against its recorded head (`ChainVerifier`). */
  verify(streamId?: string): Promise<VerificationReport> {
    return new ChainVerifier(this.db).verify(streamId === undefined ? {} : { streamId });
  }

  /**
   * PostgreSQL: the append statement in its own transaction. SQLite: a probe, then one INSERT,
   * each queued on the connection (no transaction needed: a writer that slipped in between makes
   * the INSERT fail and the append re-run); appends too big for one INSERT run in a transaction.
   */
  private tryAppend(streamId: string, events: PreparedEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (this.db.dialect === 'postgres') return this.appendWithStatement(streamId, events, expected);
    if (events.length <= SQLITE_ROWS_PER_INSERT) return this.appendWithStatements(this.db, streamId, events, expected);
    return this.db.transaction((tx) => this.appendWithStatements(tx, streamId, events, expected));
  }

  /**
   * The append and `work` in one transaction. A unique violation (a racing writer) aborts the
   * transaction on PostgreSQL, so it rolls back and `append` tries again from the start. The
   * head is remembered only once committed: a rolled-back append never happened.
   */
  private async appendWithWork(
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedVersion,
    work: AppendTransactionWork,
  ): Promise<AppendResult> {
    const { result, head } = await this.db.transaction(async (tx) => {
      const appended =
        this.db.dialect === 'postgres'
          ? await this.appendInTransaction(tx, streamId, events, expected)
          : { result: await this.appendWithStatements(tx, streamId, events, expected) };
      await work.run(tx, { streamId, result: appended.result });
      return appended;
    });
    if (head) this.heads.remember(streamId, head);
    work.committed();
    return result;
  }

  /** PostgreSQL inside a transaction: the head as the database has it, then the append statement chained from it. */
  private async appendInTransaction(
    tx: SqlExecutor,
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedVersion,
  ): Promise<{ result: AppendResult; head?: StreamHead }> {
    const recordedAt = new Date().toISOString();
    for (let attempt = 1; ; attempt += 1) {
      const probed = await this.probe(tx, streamId, events, expected);
      if ('result' in probed) return { result: probed.result };
      const rows = this.chain(streamId, events, probed.head);
      const { sql, params } = postgresAppend(streamId, probed.head, rows, recordedAt);
      const last = lastInserted(await tx.query<InsertedRow>(sql, params));
      if (last) {
        const version = Number(last.stream_version);
        const result = {
          nextExpectedVersion: version,
          appended: true,
          lastCheckpoint: encodeCheckpoint('postgres', last.tx_id, last.global_position),
        };
        return { result, head: { version, hash: rows[rows.length - 1].hash } };
      }
      // Another writer committed between the probe and the statement: look again.
      if (attempt >= MAX_APPEND_ATTEMPTS) throw new ConcurrencyError(streamId, String(expected), probed.head.version);
    }
  }

  private async appendWithStatement(
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    let head = this.assumedHead(streamId, expected);
    const recordedAt = new Date().toISOString();
    for (let attempt = 1; ; attempt += 1) {
      if (head !== null && events.length > 0) {
        const rows = this.chain(streamId, events, head);
        const { sql, params } = postgresAppend(streamId, head, rows, recordedAt);
        let inserted: InsertedRow[] = [];
        try {
          inserted = await this.db.query<InsertedRow>(sql, params, { prepareAs: POSTGRES_APPEND_STATEMENT });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error; // else: look at what is stored, below
        }
        const last = lastInserted(inserted);
        if (last) {
          const version = Number(last.stream_version);
          this.heads.remember(streamId, { version, hash: rows[rows.length - 1].hash });
          return {
            nextExpectedVersion: version,
            appended: true,
            lastCheckpoint: encodeCheckpoint('postgres', last.tx_id, last.global_position),
          };
        }
      }
      const probed = await this.probe(this.db, streamId, events, expected);
      if ('result' in probed) return probed.result;
      if (attempt >= MAX_APPEND_ATTEMPTS) throw new ConcurrencyError(streamId, String(expected), probed.head.version);
      head = probed.head;
    }
  }

  /**
   * The head to chain from without asking the database: a new stream's genesis, the last head
   * seen when it meets the expectation, or null when only the database can say.
   */
  private assumedHead(streamId: string, expected: ExpectedVersion): StreamHead | null {
    if (expected === 'no_stream' || expected === 0) return GENESIS_HEAD;
    const known = this.heads.get(streamId);
    if (known) return typeof expected !== 'number' || known.version === expected ? known : null;
    return expected === 'any' ? GENESIS_HEAD : null; // 'any' on a stream never seen: most often a new one
  }

  private chain(streamId: string, events: PreparedEvent[], head: StreamHead): ChainedRow[] {
    let previousHash = head.hash;
    return events.map((event, index) => {
      const { eventId, type, schemaVersion, data, metadata, dataJson, metadataJson } = event;
      const content = {
        streamId,
        streamVersion: head.version + index + 1,
        eventId,
        type,
        schemaVersion,
        data,
        metadata,
      };
      previousHash = chainHash(content, previousHash, event);
      return { eventId, type, schemaVersion, dataJson, metadataJson, hash: previousHash };
    });
  }

  /**
   * Reads the stream's head and any stored events with the new ids, and settles what it can:
   * the ids already stored (a retry: its result, or an `EventIdConflictError`), a violated
   * expectation (`ConcurrencyError`), an empty append. Otherwise the head to append after.
   */
  private async probe(
    tx: SqlExecutor,
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedVersion,
  ): Promise<Probed> {
    const probe = this.sql.probe(
      streamId,
      events.map((e) => e.eventId),
    );
    const rows = await tx.query<ProbeRow>(probe.sql, probe.params);
    const headRow = rows.find((row) => row.kind === 'head');
    const head = headRow ? { version: Number(headRow.stream_version), hash: headRow.hash } : GENESIS_HEAD;
    if (headRow) this.heads.remember(streamId, head);
    const stored = rows.filter((row) => row.kind === 'stored');
    if (stored.length > 0) return { result: this.alreadyAppended(streamId, events, stored, head.version) };
    if (violates(expected, head.version)) throw new ConcurrencyError(streamId, String(expected), head.version);
    if (events.length === 0) {
      const lastCheckpoint = headRow
        ? encodeCheckpoint(this.db.dialect, headRow.tx_id, headRow.global_position)
        : startCheckpoint(this.db.dialect);
      return { result: { nextExpectedVersion: head.version, appended: false, lastCheckpoint } };
    }
    return { head };
  }

  private async appendWithStatements(
    tx: SqlExecutor,
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const probed = await this.probe(tx, streamId, events, expected);
    if ('result' in probed) return probed.result;
    const { version } = probed.head;
    let previousHash = probed.head.hash;
    const insertRows: InsertRow[] = events.map((event, index) => {
      const streamVersion = version + index + 1;
      const hash = chainHash({ ...event, streamId, streamVersion }, previousHash, event);
      previousHash = hash;
      const { eventId, type, schemaVersion, dataJson, metadataJson } = event;
      return { streamVersion, eventId, type, schemaVersion, dataJson, metadataJson, hash };
    });
    const inserted: InsertedRow[] = [];
    for (const statement of sqliteInsert(streamId, insertRows, new Date().toISOString())) {
      inserted.push(...(await tx.query<InsertedRow>(statement.sql, statement.params)));
    }
    const last = lastInserted(inserted);
    if (!last) throw new Error(`Append to ${streamId} returned no rows`);
    return {
      nextExpectedVersion: version + events.length,
      appended: true,
      lastCheckpoint: encodeCheckpoint(this.db.dialect, undefined, last.global_position),
    };
  }

  /** Same ids again: a no-op only if every event is already stored, in this stream, with the same content. */
  private alreadyAppended(
    streamId: string,
    events: PreparedEvent[],
    stored: StoredIdRow[],
    version: number,
  ): AppendResult {
    const byId = new Map(stored.map((row) => [row.event_id, row]));
    for (const event of events) {
      const row = byId.get(event.eventId);
      if (!row) throw new EventIdConflictError(stored[0].event_id); // some of the ids are stored, not all
      const same =
        row.stream_id === streamId &&
        row.type === event.type &&
        canonicalJson(this.fromJsonColumn(row.data)) === event.dataJson &&
        canonicalJson(this.fromJsonColumn(row.metadata)) === event.metadataJson;
      if (!same) throw new EventIdConflictError(event.eventId);
    }
    const lastRow = byId.get(events[events.length - 1].eventId) as StoredIdRow;
    return {
      nextExpectedVersion: version,
      appended: false,
      lastCheckpoint: encodeCheckpoint(this.db.dialect, lastRow.tx_id, lastRow.global_position),
    };
  }

  /** jsonb arrives parsed by pg (a JSON string value arrives as a JS string); SQLite holds the JSON text. */
  private fromJsonColumn(value: unknown): unknown {
    return this.db.dialect === 'sqlite' && typeof value === 'string' ? JSON.parse(value) : value;
  }

  private async currentVersion(streamId: string): Promise<number> {
    const probe = this.sql.probe(streamId, []);
    const rows = await this.db.query<ProbeRow>(probe.sql, probe.params);
    const head = rows.find((row) => row.kind === 'head');
    return head ? Number(head.stream_version) : 0;
  }

  /** The row as stored, before upcasting. */
  private toStored(row: EventRow): StoredEvent {
    return {
      eventId: row.event_id,
      type: row.type,
      schemaVersion: Number(row.schema_version),
      data: this.fromJsonColumn(row.data),
      metadata: this.fromJsonColumn(row.metadata) as EventMetadata,
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      globalPosition: Number(row.global_position),
      checkpoint: encodeCheckpoint(this.db.dialect, row.tx_id, row.global_position),
      recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : String(row.recorded_at),
      hash: row.hash,
    };
  }
}

/** What the idempotency check needs of an already stored event. */
/** The window a typed `readAll` went over, on each of its rows. */
interface ScanRow {
  scan_tx_id?: string | null;
  scan_position: string | number;
  scanned: string | number;
}

type StoredIdRow = Pick<
  EventRow,
  'stream_id' | 'event_id' | 'type' | 'data' | 'metadata' | 'global_position' | 'tx_id'
>;

/** The inserted row with the highest stream version, if any. */
function lastInserted(rows: readonly InsertedRow[]): InsertedRow | undefined {
  let last: InsertedRow | undefined;
  for (const row of rows) if (!last || Number(row.stream_version) > Number(last.stream_version)) last = row;
  return last;
}

function checkExpected(expected: ExpectedVersion): void {
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new Error(`Expected version must be a non-negative integer, got ${expected}`);
  }
}

function violates(expected: ExpectedVersion, version: number): boolean {
  switch (expected) {
    case 'any':
      return false;
    case 'no_stream':
      return version !== 0;
    case 'stream_exists':
      return version === 0;
    default:
      return version !== expected;
  }
}

function prepare(events: NewEvent[]): PreparedEvent[] {
  const seen = new Set<string>();
  let lastMetadata: { object: unknown; json: string } | undefined; // a command's events usually share one metadata object
  return events.map((event) => {
    if (typeof event.eventId !== 'string' || event.eventId === '')
      throw new Error('Every event needs a non-empty eventId');
    if (typeof event.type !== 'string' || event.type === '') throw new Error(`Event ${event.eventId} needs a type`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new Error(`Event ${event.eventId} has an invalid schemaVersion ${event.schemaVersion}`);
    }
    if (typeof event.metadata !== 'object' || event.metadata === null)
      throw new Error(`Event ${event.eventId} needs metadata`);
    if (seen.has(event.eventId)) throw new EventIdConflictError(event.eventId);
    seen.add(event.eventId);
    const { eventId, type, schemaVersion, data, metadata } = event;
    if (lastMetadata?.object !== metadata) lastMetadata = { object: metadata, json: canonicalJson(metadata) };
    return {
      eventId,
      type,
      schemaVersion,
      data,
      metadata,
      dataJson: canonicalJson(data),
      metadataJson: lastMetadata.json,
    };
  });
}
