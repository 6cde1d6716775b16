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
import { decodeCheckpoint, encodeCheckpoint, startCheckpoint } from './checkpoints';
import type { SqlDatabase, SqlExecutor } from './database.port';
import {
  postgresAppend,
  SQLITE_ROWS_PER_INSERT,
  type FunctionAppendRow,
  sqliteInsert,
  statementsFor,
  type EventRow,
  type EventStatements,
  type FunctionResultRow,
  type InsertedRow,
  type InsertRow,
  type ProbeRow,
} from './event-store.statements';
import { StreamHeads, type StreamHead } from './stream-heads';
import { isUniqueViolation } from './typeorm-sql-database';

/** A racing writer's unique violation makes us re-read and re-decide; this bounds how often. */
const MAX_APPEND_ATTEMPTS = 50;
const VERIFY_PAGE = 1000;

/** A new event with its canonical data and metadata, computed once: stored and hashed. */
interface PreparedEvent extends NewEvent, CanonicalPayload {}

/**
 * The event store on PostgreSQL or SQLite through `SqlDatabase`.
 *
 * An append reads the stream's head (version and hash) and any rows that already hold the new
 * event ids, checks the expected version, chains the hashes and inserts all events at once.
 * On PostgreSQL that is one call of the `events_append` function (one round trip, one implicit
 * transaction), with hashes chained here from the head this store last saw of the stream; the
 * function inserts only if that is still the head, else answers with the head for a second try.
 * On SQLite it is a probe and a multi-row INSERT.
 * Optimistic concurrency rests on UNIQUE (stream_id, stream_version): a writer that lost the race
 * gets a unique violation, re-reads, and either reports a `ConcurrencyError` or, for
 * `any`/`stream_exists`, tries again. The head read needs no lock: the INSERT only succeeds if
 * nobody took those versions, and a stored version never changes, so the hash read is still
 * the predecessor's.
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

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    checkExpected(expected);
    const prepared = prepare(events);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.tryAppend(streamId, prepared, expected);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= MAX_APPEND_ATTEMPTS) throw new ConcurrencyError(streamId, String(expected), await this.currentVersion(streamId));
      }
    }
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const { sql, params } = this.sql.readStream(streamId, fromVersion);
    const rows = await this.db.query<EventRow>(sql, params);
    const last = rows[rows.length - 1];
    if (last) this.heads.remember(streamId, { version: Number(last.stream_version), hash: last.hash });
    return rows.map((row) => this.upcasters.upcast(this.toStored(row)));
  }

  async readAll(after: Checkpoint | null, limit: number): Promise<ReadAllResult> {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`readAll limit must be a positive integer, got ${limit}`);
    const { sql, params } = this.sql.readAll(decodeCheckpoint(this.db.dialect, after), limit);
    const rows = await this.db.query<EventRow>(sql, params);
    const events = rows.map((row) => this.upcasters.upcast(this.toStored(row)));
    return { events, checkpoint: events.length > 0 ? events[events.length - 1].checkpoint : after };
  }

  async headCheckpoint(): Promise<Checkpoint | null> {
    const { sql, params } = this.sql.head();
    const [row] = await this.db.query<{ tx_id?: string; global_position: string | number }>(sql, params);
    return row ? encodeCheckpoint(this.db.dialect, row.tx_id, row.global_position) : null;
  }

  async countAfter(after: Checkpoint | null): Promise<number> {
    const { sql, params } = this.sql.countAfter(decodeCheckpoint(this.db.dialect, after));
    const [row] = await this.db.query<{ count: string | number }>(sql, params);
    return Number(row?.count ?? 0);
  }

  async verify(streamId?: string): Promise<VerificationReport> {
    let streamsChecked = 0;
    let eventsChecked = 0;
    let current = null as { streamId: string; version: number; hash: string } | null;
    for (;;) {
      const page = this.sql.verifyPage(current, streamId, VERIFY_PAGE);
      const rows = await this.db.query<EventRow>(page.sql, page.params);
      for (const row of rows) {
        if (current?.streamId !== row.stream_id) {
          streamsChecked += 1;
          current = { streamId: row.stream_id, version: 0, hash: GENESIS_HASH };
        }
        eventsChecked += 1;
        const problem = this.brokenLink(row, current.version, current.hash);
        if (problem) {
          const firstBroken = { streamId: row.stream_id, streamVersion: Number(row.stream_version), eventId: row.event_id, problem };
          return { ok: false, streamsChecked, eventsChecked, firstBroken };
        }
        current = { streamId: row.stream_id, version: Number(row.stream_version), hash: row.hash };
      }
      if (rows.length < VERIFY_PAGE) return { ok: true, streamsChecked, eventsChecked };
    }
  }

  /**
   * PostgreSQL: one call of `events_append`, in its own transaction unless the caller's
   * SqlDatabase is already inside one. SQLite: a probe, then one INSERT, each queued on the
   * connection (no transaction needed: a writer that slipped in between makes the INSERT fail
   * and the append re-run, as on PostgreSQL); appends too big for one INSERT run in a transaction.
   */
  private tryAppend(streamId: string, events: PreparedEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (this.db.dialect === 'postgres') return this.appendWithFunction(streamId, events, expected);
    if (events.length <= SQLITE_ROWS_PER_INSERT) return this.appendWithStatements(this.db, streamId, events, expected);
    return this.db.transaction((tx) => this.appendWithStatements(tx, streamId, events, expected));
  }

  private async appendWithFunction(streamId: string, events: PreparedEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    let head = this.assumedHead(streamId, expected);
    const recordedAt = new Date().toISOString();
    for (let attempt = 1; ; attempt += 1) {
      const rows = this.chain(streamId, events, head);
      const { sql, params } = postgresAppend(streamId, String(expected), head, rows, recordedAt);
      const result = await this.db.query<FunctionResultRow>(sql, params);
      const last = result.find((row) => row.kind !== 'stored');
      if (!last) throw new Error(`Append to ${streamId} returned no rows`);
      const version = Number(last.stream_version);
      if (last.hash !== null && version > 0) this.heads.remember(streamId, { version, hash: last.hash });
      const checkpoint = last.global_position === null ? startCheckpoint('postgres') : encodeCheckpoint('postgres', last.tx_id ?? undefined, last.global_position);

      if (last.kind === 'appended') return { nextExpectedVersion: version, appended: true, lastCheckpoint: checkpoint };
      const stored = result.filter((row) => row.kind === 'stored');
      if (stored.length > 0) return this.alreadyAppended(streamId, events, stored.map(toStoredRow), version);
      if (last.kind === 'conflict') throw new ConcurrencyError(streamId, String(expected), version);
      if (events.length === 0) return { nextExpectedVersion: version, appended: false, lastCheckpoint: checkpoint };
      // The stream was not at the head the hashes were chained from: chain from the real one.
      if (attempt >= MAX_APPEND_ATTEMPTS) throw new ConcurrencyError(streamId, String(expected), version);
      head = { version, hash: last.hash ?? GENESIS_HASH };
    }
  }

  /** The head to chain from before asking the database: a new stream's genesis, or the last one seen. */
  private assumedHead(streamId: string, expected: ExpectedVersion): StreamHead {
    if (expected === 'no_stream' || expected === 0) return { version: 0, hash: GENESIS_HASH };
    const known = this.heads.get(streamId);
    if (known && (typeof expected !== 'number' || known.version === expected)) return known;
    return { version: 0, hash: GENESIS_HASH }; // a guess; a wrong one costs a round trip
  }

  private chain(streamId: string, events: PreparedEvent[], head: StreamHead): FunctionAppendRow[] {
    let previousHash = head.hash;
    return events.map((event, index) => {
      const { eventId, type, schemaVersion, data, metadata, dataJson, metadataJson } = event;
      const content = { streamId, streamVersion: head.version + index + 1, eventId, type, schemaVersion, data, metadata };
      previousHash = chainHash(content, previousHash, event);
      return { eventId, type, schemaVersion, dataJson, metadataJson, hash: previousHash };
    });
  }

  private async appendWithStatements(tx: SqlExecutor, streamId: string, events: PreparedEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const probe = this.sql.probe(streamId, events.map((e) => e.eventId));
    const rows = await tx.query<ProbeRow>(probe.sql, probe.params);
    const head = rows.find((row) => row.kind === 'head');
    const version = head ? Number(head.stream_version) : 0;
    const stored = rows.filter((row) => row.kind === 'stored');
    if (stored.length > 0) return this.alreadyAppended(streamId, events, stored, version);
    if (violates(expected, version)) throw new ConcurrencyError(streamId, String(expected), version);
    if (events.length === 0) {
      const lastCheckpoint = head ? encodeCheckpoint(this.db.dialect, head.tx_id, head.global_position) : startCheckpoint(this.db.dialect);
      return { nextExpectedVersion: version, appended: false, lastCheckpoint };
    }

    let previousHash = head?.hash ?? GENESIS_HASH;
    const insertRows: InsertRow[] = events.map((event, index) => {
      const streamVersion = version + index + 1;
      const hash = chainHash({ ...event, streamId, streamVersion }, previousHash, event);
      previousHash = hash;
      const { eventId, type, schemaVersion, dataJson, metadataJson } = event;
      return { streamVersion, eventId, type, schemaVersion, dataJson, metadataJson, hash };
    });
    let last: InsertedRow | undefined;
    for (const statement of sqliteInsert(streamId, insertRows, new Date().toISOString())) {
      const inserted = await tx.query<InsertedRow>(statement.sql, statement.params);
      for (const row of inserted) if (!last || Number(row.stream_version) > Number(last.stream_version)) last = row;
    }
    if (!last) throw new Error(`Append to ${streamId} returned no rows`);
    return {
      nextExpectedVersion: version + events.length,
      appended: true,
      lastCheckpoint: encodeCheckpoint(this.db.dialect, undefined, last.global_position),
    };
  }

  /** Same ids again: a no-op only if every event is already stored, in this stream, with the same content. */
  private alreadyAppended(streamId: string, events: PreparedEvent[], stored: StoredIdRow[], version: number): AppendResult {
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

  /** Why a stored event breaks its stream's chain, or null. */
  private brokenLink(row: EventRow, previousVersion: number, previousHash: string): string | null {
    const streamVersion = Number(row.stream_version);
    if (streamVersion !== previousVersion + 1) return `version gap: expected version ${previousVersion + 1}, found ${streamVersion}`;
    let event: StoredEvent;
    try {
      event = this.toStored(row);
    } catch {
      return 'unreadable: the stored data or metadata is not valid JSON';
    }
    if (chainHash(event, previousHash) !== row.hash) return 'hash mismatch: the stored content or its link to the previous event changed';
    return null;
  }

  /** The row as stored, before upcasting (verification hashes what was written). */
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
type StoredIdRow = Pick<EventRow, 'stream_id' | 'event_id' | 'type' | 'data' | 'metadata' | 'global_position' | 'tx_id'>;

function toStoredRow(row: FunctionResultRow): StoredIdRow {
  return {
    stream_id: row.stream_id,
    event_id: row.event_id ?? '',
    type: row.type ?? '',
    data: row.data,
    metadata: row.metadata,
    global_position: row.global_position ?? 0,
    tx_id: row.tx_id ?? undefined,
  };
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
    if (typeof event.eventId !== 'string' || event.eventId === '') throw new Error('Every event needs a non-empty eventId');
    if (typeof event.type !== 'string' || event.type === '') throw new Error(`Event ${event.eventId} needs a type`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new Error(`Event ${event.eventId} has an invalid schemaVersion ${event.schemaVersion}`);
    }
    if (typeof event.metadata !== 'object' || event.metadata === null) throw new Error(`Event ${event.eventId} needs metadata`);
    if (seen.has(event.eventId)) throw new EventIdConflictError(event.eventId);
    seen.add(event.eventId);
    const { eventId, type, schemaVersion, data, metadata } = event;
    if (lastMetadata?.object !== metadata) lastMetadata = { object: metadata, json: canonicalJson(metadata) };
    return { eventId, type, schemaVersion, data, metadata, dataJson: canonicalJson(data), metadataJson: lastMetadata.json };
  });
}

