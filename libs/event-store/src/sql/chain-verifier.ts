import type { VerificationFinding, VerificationFindingKind, VerificationReport } from '../event-store.port';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import type { SqlDatabase, SqlDialect } from './database.port';
import type { EventRow } from './event-store.statements';

/** Which part of the log to verify. */
export interface VerifyOptions {
  /** Only this stream. */
  streamId?: string;
  /** Only streams after this stream id (in the database's order of stream ids): where a bounded run stopped. */
  after?: string;
  /**
   * Stop at the first stream boundary once this many events were checked; the report's `next`
   * says where to continue. Streams are always checked whole.
   */
  maxEvents?: number;
}

/** A recorded head (`stream_heads`): the stream's last version, event id and hash as the append wrote them. */
interface HeadRow {
  stream_id: string;
  stream_version: string | number;
  event_id: string;
  hash: string;
}

type ChainRow = Pick<
  EventRow,
  'stream_id' | 'stream_version' | 'event_id' | 'type' | 'schema_version' | 'data' | 'metadata' | 'hash'
>;

const HEADS_PAGE = 500;
const EVENTS_PAGE = 1000;
const CHAIN_COLUMNS = 'stream_id, stream_version, event_id, type, schema_version, data, metadata, hash';

/**
 * Walks the log stream by stream and reports everything wrong, not just the first thing: each
 * event whose content or link no longer matches its hash, each gap in a stream's versions, and
 * each stream that differs from the head recorded for it at append time (`stream_heads`): its
 * last events or the whole stream deleted, a head without events, events without a head.
 *
 * Heads are read before the events they cover, in pages, with no transaction held: events
 * only ever grow, so an append made meanwhile shows as events beyond a head, never as a loss.
 * Both tables are read in the database's own order of stream ids and matched by equality, so
 * no collation question arises in the application.
 */
export class ChainVerifier {
  constructor(private readonly db: SqlDatabase) {}

  async verify(options: VerifyOptions = {}): Promise<VerificationReport> {
    const tally = new Tally(options.maxEvents);
    if (options.streamId !== undefined) {
      await this.verifyStream(options.streamId, tally);
      return tally.report();
    }
    let after = options.after ?? null;
    for (;;) {
      const heads = await this.headsAfter(after);
      const upTo = heads.length === HEADS_PAGE ? heads[heads.length - 1].stream_id : null;
      const stoppedAfter = await this.verifyRange(after, upTo, heads, tally);
      if (stoppedAfter !== null) return tally.report(stoppedAfter);
      if (upTo === null) return tally.report();
      if (tally.full) return tally.report(upTo);
      after = upTo;
    }
  }

  /** One stream: its head first, then its events. */
  private async verifyStream(streamId: string, tally: Tally): Promise<void> {
    const [head] = await this.db.query<HeadRow>(
      'SELECT stream_id, stream_version, event_id, hash FROM stream_heads WHERE stream_id = $1',
      [streamId],
    );
    const walk = new StreamWalk(streamId, head, this.db.dialect);
    let afterVersion = 0;
    for (;;) {
      const rows = await this.db.query<ChainRow>(
        `SELECT ${CHAIN_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version LIMIT $3`,
        [streamId, afterVersion, EVENTS_PAGE],
      );
      for (const row of rows) walk.check(row);
      if (rows.length < EVENTS_PAGE) break;
      afterVersion = Number(rows[rows.length - 1].stream_version);
    }
    if (walk.events > 0 || head) tally.add(walk.finish());
  }

  /**
   * The streams after `after` up to `upTo` (inclusive; to the end when null), against `heads`,
   * the recorded heads of exactly that range. Returns the stream to continue after when the
   * tally filled up before the range ended, else null.
   */
  private async verifyRange(
    after: string | null,
    upTo: string | null,
    heads: HeadRow[],
    tally: Tally,
  ): Promise<string | null> {
    const headIds = new Set(heads.map((head) => head.stream_id));
    let nextHead = 0;
    let walk: StreamWalk | null = null;
    let cursor: { streamId: string; version: number } | null = null;
    const finish = async (done: StreamWalk) => {
      // Events but no head read before them: a stream created since (its head is there now,
      // so check it again, head first), or a stream whose head is really missing.
      if (!done.head && (await this.hasHead(done.streamId))) await this.verifyStream(done.streamId, tally);
      else tally.add(done.finish());
    };
    for (;;) {
      const [sql, params] = eventsPage(after, cursor, upTo);
      const rows: ChainRow[] = await this.db.query<ChainRow>(sql, params);
      for (const row of rows) {
        if (walk === null || walk.streamId !== row.stream_id) {
          if (walk) {
            await finish(walk);
            if (tally.full) return walk.streamId;
          }
          let head: HeadRow | undefined;
          if (headIds.has(row.stream_id)) {
            // Heads listed before this stream have no events left: deleted streams.
            while (heads[nextHead].stream_id !== row.stream_id) tally.add(this.withoutEvents(heads[nextHead++]));
            head = heads[nextHead++];
          }
          walk = new StreamWalk(row.stream_id, head, this.db.dialect);
        }
        walk.check(row);
      }
      if (rows.length < EVENTS_PAGE) break;
      const last: ChainRow = rows[rows.length - 1];
      cursor = { streamId: last.stream_id, version: Number(last.stream_version) };
    }
    if (walk) await finish(walk);
    while (nextHead < heads.length) tally.add(this.withoutEvents(heads[nextHead++]));
    return null;
  }

  /** A recorded head none of whose events was met. */
  private withoutEvents(head: HeadRow): ReturnType<StreamWalk['finish']> {
    return new StreamWalk(head.stream_id, head, this.db.dialect).finish();
  }

  private headsAfter(after: string | null): Promise<HeadRow[]> {
    return after === null
      ? this.db.query<HeadRow>(
          'SELECT stream_id, stream_version, event_id, hash FROM stream_heads ORDER BY stream_id LIMIT $1',
          [HEADS_PAGE],
        )
      : this.db.query<HeadRow>(
          'SELECT stream_id, stream_version, event_id, hash FROM stream_heads WHERE stream_id > $1 ORDER BY stream_id LIMIT $2',
          [after, HEADS_PAGE],
        );
  }

  private async hasHead(streamId: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 AS found FROM stream_heads WHERE stream_id = $1', [streamId])).length > 0;
  }
}

/** A keyset page of events in (stream_id, stream_version) order: after a stream id or an event, up to a stream id. */
function eventsPage(
  after: string | null,
  cursor: { streamId: string; version: number } | null,
  upTo: string | null,
): [string, unknown[]] {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (cursor) {
    params.push(cursor.streamId, cursor.version);
    conditions.push('(stream_id, stream_version) > ($1, $2)');
  } else if (after !== null) {
    params.push(after);
    conditions.push('stream_id > $1');
  }
  if (upTo !== null) {
    params.push(upTo);
    conditions.push(`stream_id <= $${params.length}`);
  }
  params.push(EVENTS_PAGE);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return [
    `SELECT ${CHAIN_COLUMNS} FROM events ${where} ORDER BY stream_id, stream_version LIMIT $${params.length}`,
    params,
  ];
}

/** Counts and findings of one verification run, and whether its bound is reached. */
class Tally {
  private streams = 0;
  private events = 0;
  private readonly findings: VerificationFinding[] = [];

  constructor(private readonly maxEvents?: number) {}

  get full(): boolean {
    return this.maxEvents !== undefined && this.events >= this.maxEvents;
  }

  add(stream: { events: number; findings: VerificationFinding[] }): void {
    this.streams += 1;
    this.events += stream.events;
    this.findings.push(...stream.findings);
  }

  report(next?: string): VerificationReport {
    const findings = this.findings;
    return {
      ok: findings.length === 0,
      streamsChecked: this.streams,
      eventsChecked: this.events,
      findings,
      ...(findings.length > 0 ? { firstBroken: findings[0] } : {}),
      ...(next !== undefined ? { next } : {}),
    };
  }
}

/**
 * One stream's chain, event by event. After a broken link it goes on from the stored event, so
 * every changed or missing event is reported once, and the events after it are still checked.
 */
class StreamWalk {
  events = 0;
  private version = 0;
  private hash = GENESIS_HASH;
  private lastEventId = '';
  /** Hash and id of the stored event at the head's version, once walked past. */
  private atHead: { hash: string; eventId: string } | undefined;
  private readonly findings: VerificationFinding[] = [];

  constructor(
    readonly streamId: string,
    readonly head: HeadRow | undefined,
    private readonly dialect: SqlDialect,
  ) {}

  check(row: ChainRow): void {
    this.events += 1;
    const streamVersion = Number(row.stream_version);
    const broken = this.brokenLink(row, streamVersion);
    if (broken) this.findings.push({ streamId: this.streamId, streamVersion, eventId: row.event_id, ...broken });
    if (this.head && streamVersion === Number(this.head.stream_version))
      this.atHead = { hash: row.hash, eventId: row.event_id };
    this.version = streamVersion;
    this.hash = row.hash;
    this.lastEventId = row.event_id;
  }

  finish(): { events: number; findings: VerificationFinding[] } {
    const findings = [...this.findings];
    const finding = (kind: VerificationFindingKind, streamVersion: number, eventId: string, problem: string) =>
      findings.push({ streamId: this.streamId, streamVersion, eventId, kind, problem });
    const head = this.head;
    if (!head) {
      finding(
        'head_missing',
        this.version,
        this.lastEventId,
        `no head is recorded for this stream of ${this.events} event(s): they were written around the event store, or its head was deleted`,
      );
    } else {
      const headVersion = Number(head.stream_version);
      if (this.events === 0) {
        finding(
          'stream_missing',
          headVersion,
          head.event_id,
          `the head records ${headVersion} event(s) up to event ${head.event_id}, and none is stored: the stream was deleted`,
        );
      } else if (this.version < headVersion) {
        finding(
          'tail_missing',
          headVersion,
          head.event_id,
          `the head records version ${headVersion} (event ${head.event_id}), the last stored event is version ${this.version}: the events after it were deleted`,
        );
      } else if (!this.atHead || this.atHead.hash !== head.hash || this.atHead.eventId !== head.event_id) {
        finding(
          'head_mismatch',
          headVersion,
          head.event_id,
          `the event stored at version ${headVersion} is not the one its head records (event ${head.event_id})`,
        );
      }
    }
    return { events: this.events, findings };
  }

  private brokenLink(row: ChainRow, streamVersion: number): { kind: VerificationFindingKind; problem: string } | null {
    if (streamVersion !== this.version + 1) {
      return {
        kind: 'version_gap',
        problem: `version gap: expected version ${this.version + 1}, found ${streamVersion}: events were deleted`,
      };
    }
    let content;
    try {
      content = {
        streamId: row.stream_id,
        streamVersion,
        eventId: row.event_id,
        type: row.type,
        schemaVersion: Number(row.schema_version),
        data: this.json(row.data),
        metadata: this.json(row.metadata),
      };
    } catch {
      return { kind: 'unreadable', problem: 'unreadable: the stored data or metadata is not valid JSON' };
    }
    if (chainHash(content, this.hash) !== row.hash) {
      return {
        kind: 'hash_mismatch',
        problem: 'hash mismatch: the stored content or its link to the previous event changed',
      };
    }
    return null;
  }

  /** jsonb arrives parsed (a JSON string value as a JS string); SQLite holds the JSON text. */
  private json(value: unknown): unknown {
    return this.dialect === 'sqlite' && typeof value === 'string' ? JSON.parse(value) : value;
  }
}
