import type { SqlDialect } from './database.port';

/** One event as stored, in the columns' own names; drivers differ in the types they hand back. */
export interface EventRow {
  global_position: string | number;
  /** PostgreSQL only: the writing transaction's id (xid8) as text. */
  tx_id?: string;
  stream_id: string;
  stream_version: string | number;
  event_id: string;
  type: string;
  schema_version: string | number;
  data: unknown;
  metadata: unknown;
  hash: string;
  recorded_at: Date | string;
}

/** A row of the append pre-check: the stream's head (`kind = 'head'`) or an already stored event with one of the ids. */
export type ProbeRow = EventRow & { kind: 'head' | 'stored' };

export interface InsertRow {
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  hash: string;
}

export interface InsertedRow {
  global_position: string | number;
  stream_version: string | number;
  /** PostgreSQL only. */
  tx_id?: string;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/** Log position decoded from a checkpoint: transaction id (PostgreSQL) and global position. */
export interface LogPosition {
  txId: string;
  position: string;
}

const COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, hash, recorded_at';

/** The SQL of the event store per dialect; everything else is shared. */
export interface EventStatements {
  probe(streamId: string, eventIds: readonly string[]): Statement;
  readStream(streamId: string, fromVersion: number): Statement;
  /** With `types`: one row per selected event of the `limit` entries after `after`, each with `scan_*` of the last entry and `scanned`; one row without an event when none is selected; none when nothing is there. */
  readAll(after: LogPosition | null, limit: number, types?: readonly string[]): Statement;
  head(): Statement;
  /** `count`: events after `after`, at most `exactUpTo` when given; `spread`: newest position minus `after`'s. */
  countAfter(after: LogPosition | null, exactUpTo?: number): Statement;
}

export function statementsFor(dialect: SqlDialect): EventStatements {
  return dialect === 'postgres' ? postgres : sqlite;
}

/**
 * PostgreSQL reads the log only below the oldest running transaction (`pg_snapshot_xmin`), in
 * (tx_id, global_position) order: every transaction that can still commit has a larger id, so
 * nothing can appear later behind a reader's checkpoint. The subquery makes the bound an InitPlan
 * evaluated once, and both conditions are index conditions on (tx_id, global_position).
 * ORDER BY names `events.tx_id`: the select list outputs `tx_id::text AS tx_id`, and a bare
 * `tx_id` would sort by that text ('10' before '9'), out of step with the xid8 keyset.
 */
const VISIBLE = 'tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';
const PG_COLUMNS = `${COLUMNS}, tx_id::text AS tx_id`;

const postgres: EventStatements = {
  probe: (streamId, eventIds) => ({
    sql: `(SELECT 'head' AS kind, ${PG_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1)
          UNION ALL
          (SELECT 'stored' AS kind, ${PG_COLUMNS} FROM events WHERE event_id = ANY($2::text[]))`,
    params: [streamId, eventIds],
  }),
  readStream: (streamId, fromVersion) => ({
    sql: `SELECT ${PG_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
    params: [streamId, fromVersion],
  }),
  readAll: (after, limit, types) =>
    types === undefined
      ? {
          sql: `SELECT ${PG_COLUMNS} FROM events
          WHERE ${VISIBLE} AND (tx_id, global_position) > ($1::xid8, $2::bigint)
          ORDER BY events.tx_id, events.global_position LIMIT $3`,
          params: [after?.txId ?? '0', after?.position ?? '0', limit],
        }
      : {
          // The same window as above, read once (MATERIALIZED); the selected events are then
          // fetched by key, and every row carries the window's last entry and size.
          sql: `WITH scanned AS MATERIALIZED (
            SELECT tx_id, global_position, type FROM events
            WHERE ${VISIBLE} AND (tx_id, global_position) > ($1::xid8, $2::bigint)
            ORDER BY events.tx_id, events.global_position LIMIT $3),
          last AS (
            SELECT tx_id, global_position, (SELECT count(*) FROM scanned) AS scanned FROM scanned
            ORDER BY tx_id DESC, global_position DESC LIMIT 1)
          SELECT selected.*, last.tx_id::text AS scan_tx_id, last.global_position AS scan_position, last.scanned
          FROM last LEFT JOIN (
            SELECT ${PG_COLUMNS}, events.tx_id AS tx_key FROM events
            WHERE (events.tx_id, events.global_position) IN (SELECT tx_id, global_position FROM scanned WHERE type = ANY($4::text[]))
          ) AS selected ON true
          ORDER BY selected.tx_key, selected.global_position`,
          params: [after?.txId ?? '0', after?.position ?? '0', limit, types],
        },
  head: () => ({
    sql: `SELECT tx_id::text AS tx_id, global_position FROM events WHERE ${VISIBLE} ORDER BY events.tx_id DESC, events.global_position DESC LIMIT 1`,
    params: [],
  }),
  // Every committed event after the checkpoint, also those an older open transaction still hides
  // from readAll: lag must show a stall, not hide behind it. A reader's checkpoint is below the
  // horizon it read under, so nothing before it can still be unread.
  countAfter: (after, exactUpTo) => ({
    sql:
      exactUpTo === undefined
        ? 'SELECT count(*) AS count FROM events WHERE (tx_id, global_position) > ($1::xid8, $2::bigint)'
        : `SELECT (SELECT count(*) FROM (SELECT 1 FROM events WHERE (tx_id, global_position) > ($1::xid8, $2::bigint) LIMIT $3) AS behind) AS count,
                  (SELECT max(global_position) FROM events) - $2::bigint AS spread`,
    params: [after?.txId ?? '0', after?.position ?? '0', ...(exactUpTo === undefined ? [] : [exactUpTo])],
  }),
};

/** SQLite has one writer, so AUTOINCREMENT positions are commit order and every committed row is readable. */
export const SQLITE_ROWS_PER_INSERT = 500; // 9 parameters a row, well under SQLite's 32766

const sqlite: EventStatements = {
  probe: (streamId, eventIds) => ({
    sql: `SELECT * FROM (SELECT 'head' AS kind, ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1)
          UNION ALL
          SELECT 'stored' AS kind, ${COLUMNS} FROM events WHERE event_id IN (SELECT value FROM json_each($2))`,
    params: [streamId, JSON.stringify(eventIds)],
  }),
  readStream: (streamId, fromVersion) => ({
    sql: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
    params: [streamId, fromVersion],
  }),
  readAll: (after, limit, types) =>
    types === undefined
      ? {
          sql: `SELECT ${COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
          params: [Number(after?.position ?? 0), limit],
        }
      : {
          sql: `WITH scanned AS MATERIALIZED (
            SELECT global_position, type FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2),
          last AS (
            SELECT global_position, (SELECT count(*) FROM scanned) AS scanned FROM scanned
            ORDER BY global_position DESC LIMIT 1)
          SELECT selected.*, last.global_position AS scan_position, last.scanned
          FROM last LEFT JOIN (
            SELECT ${COLUMNS} FROM events
            WHERE global_position IN (SELECT global_position FROM scanned WHERE type IN (SELECT value FROM json_each($3)))
          ) AS selected ON 1
          ORDER BY selected.global_position`,
          params: [Number(after?.position ?? 0), limit, JSON.stringify(types)],
        },
  head: () => ({ sql: 'SELECT global_position FROM events ORDER BY global_position DESC LIMIT 1', params: [] }),
  countAfter: (after, exactUpTo) => ({
    sql:
      exactUpTo === undefined
        ? 'SELECT count(*) AS count FROM events WHERE global_position > $1'
        : `SELECT (SELECT count(*) FROM (SELECT 1 FROM events WHERE global_position > $1 LIMIT $2) AS behind) AS count,
                  (SELECT max(global_position) FROM events) - $1 AS spread`,
    params: [Number(after?.position ?? 0), ...(exactUpTo === undefined ? [] : [exactUpTo])],
  }),
};

/** SQLite: the application computed the hashes; one multi-row INSERT per 500 events. */
export function sqliteInsert(streamId: string, rows: readonly InsertRow[], recordedAt: string): Statement[] {
  const statements: Statement[] = [];
  for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + SQLITE_ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const at = params.length;
      params.push(
        streamId,
        r.streamVersion,
        r.eventId,
        r.type,
        r.schemaVersion,
        r.dataJson,
        r.metadataJson,
        r.hash,
        recordedAt,
      );
      return `(${Array.from({ length: 9 }, (_, i) => `$${at + i + 1}`).join(', ')})`;
    });
    statements.push({
      sql: `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, hash, recorded_at)
            VALUES ${tuples.join(', ')} RETURNING global_position, stream_version`,
      params,
    });
  }
  return statements;
}

/** An event for PostgreSQL's append statement: canonical data and metadata, and its chained hash. */
export interface ChainedRow {
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  hash: string;
}

/** Name of the append statement as PostgreSQL keeps it prepared on each connection; a new text needs a new name. */
export const POSTGRES_APPEND_STATEMENT = 'spinout_events_append_v3';

/** Name of the read of one stream, kept prepared the same way: commands and GETs of an aggregate run it. */
export const POSTGRES_READ_STREAM_STATEMENT = 'spinout_events_read_stream_v1';

/**
 * PostgreSQL: one statement appends the events chained from the head the application assumed,
 * and only if the stream still has that head (version and hash); the unique indexes settle
 * races and repeated event ids (23505). It returns the inserted rows, or none when the head was
 * not the assumed one. The events travel as one JSON document of canonical JSON (the driver
 * sends a string as it is; arrays of parameters it would escape one by one), and the metadata
 * that a command's events share travels once ($6): an event carries its own only if it differs.
 *
 * It replaced the `events_append` PL/pgSQL function, which also looked up the event ids and
 * reported the head in the same call: measured with pgbench (16 clients, 2 cores) the function
 * reached 0.6-0.76 of a plain INSERT's rate, this statement, prepared, 0.85-0.93. Prepared,
 * because planning the CTE on every call costs more than executing it. The head lookup is a
 * backward scan of the (stream_id, stream_version) index for any table size: ORDER BY … LIMIT 1
 * on that index needs no sort.
 *
 * The same statement moves the stream's recorded head (`stream_heads`) to its last inserted
 * event, so verification can tell a deleted last event or stream (ADR 014); a head only moves
 * forward.
 */
const APPEND_SQL = `WITH head AS (
    SELECT h.stream_version, h.hash FROM events h WHERE h.stream_id = $1 ORDER BY h.stream_version DESC LIMIT 1
  ), inserted AS (
    INSERT INTO events AS e (stream_id, stream_version, event_id, type, schema_version, data, metadata, hash, recorded_at)
    SELECT $1, $2::integer + x.ord::integer, x.event_id, x.type, x.schema_version,
           coalesce(x.data, 'null'::jsonb), coalesce(x.metadata, $6::jsonb), x.hash, $5::timestamptz -- JSON null arrives as SQL NULL
      FROM ROWS FROM (jsonb_to_recordset($4::jsonb) AS (event_id text, type text, schema_version integer,
                                                         data jsonb, metadata jsonb, hash text))
           WITH ORDINALITY AS x(event_id, type, schema_version, data, metadata, hash, ord)
     WHERE coalesce((SELECT stream_version FROM head), 0) = $2::integer
       AND coalesce((SELECT hash FROM head), '${'0'.repeat(64)}') = $3::text
    RETURNING e.stream_version, e.global_position, e.tx_id, e.event_id, e.hash
  ), recorded AS (
    INSERT INTO stream_heads AS sh (stream_id, stream_version, event_id, hash)
    SELECT $1, i.stream_version, i.event_id, i.hash FROM inserted i ORDER BY i.stream_version DESC LIMIT 1
    ON CONFLICT (stream_id) DO UPDATE SET stream_version = excluded.stream_version, event_id = excluded.event_id, hash = excluded.hash
      WHERE sh.stream_version < excluded.stream_version
  )
  SELECT stream_version, global_position, tx_id::text AS tx_id FROM inserted`;

export function postgresAppend(
  streamId: string,
  head: { version: number; hash: string },
  rows: readonly ChainedRow[],
  recordedAt: string,
): Statement {
  const shared = rows.length > 0 ? rows[0].metadataJson : '{}'; // metadata is always an object, never JSON null
  let events = '[';
  for (const r of rows) {
    events +=
      (events.length > 1 ? ',' : '') +
      `{"event_id":${JSON.stringify(r.eventId)},"type":${JSON.stringify(r.type)},"schema_version":${r.schemaVersion},` +
      `"hash":"${r.hash}","data":${r.dataJson}${r.metadataJson === shared ? '' : `,"metadata":${r.metadataJson}`}}`;
  }
  return { sql: APPEND_SQL, params: [streamId, head.version, head.hash, `${events}]`, recordedAt, shared] };
}
