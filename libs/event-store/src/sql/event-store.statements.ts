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

const COLUMNS = 'global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, hash, recorded_at';

/** The SQL of the event store per dialect; everything else is shared. */
export interface EventStatements {
  probe(streamId: string, eventIds: readonly string[]): Statement;
  readStream(streamId: string, fromVersion: number): Statement;
  readAll(after: LogPosition | null, limit: number): Statement;
  head(): Statement;
  countAfter(after: LogPosition | null): Statement;
  /** Keyset page of the whole log in (stream_id, stream_version) order, or of one stream. */
  verifyPage(after: { streamId: string; version: number } | null, onlyStream: string | undefined, limit: number): Statement;
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
  readAll: (after, limit) => ({
    sql: `SELECT ${PG_COLUMNS} FROM events
          WHERE ${VISIBLE} AND (tx_id, global_position) > ($1::xid8, $2::bigint)
          ORDER BY events.tx_id, events.global_position LIMIT $3`,
    params: [after?.txId ?? '0', after?.position ?? '0', limit],
  }),
  head: () => ({
    sql: `SELECT tx_id::text AS tx_id, global_position FROM events WHERE ${VISIBLE} ORDER BY events.tx_id DESC, events.global_position DESC LIMIT 1`,
    params: [],
  }),
  countAfter: (after) => ({
    sql: `SELECT count(*) AS count FROM events WHERE ${VISIBLE} AND (tx_id, global_position) > ($1::xid8, $2::bigint)`,
    params: [after?.txId ?? '0', after?.position ?? '0'],
  }),
  verifyPage: (after, onlyStream, limit) => verifyPage(PG_COLUMNS, after, onlyStream, limit),
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
  readAll: (after, limit) => ({
    sql: `SELECT ${COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
    params: [Number(after?.position ?? 0), limit],
  }),
  head: () => ({ sql: 'SELECT global_position FROM events ORDER BY global_position DESC LIMIT 1', params: [] }),
  countAfter: (after) => ({
    sql: 'SELECT count(*) AS count FROM events WHERE global_position > $1',
    params: [Number(after?.position ?? 0)],
  }),
  verifyPage: (after, onlyStream, limit) => verifyPage(COLUMNS, after, onlyStream, limit),
};

/** SQLite: the application computed the hashes; one multi-row INSERT per 500 events. */
export function sqliteInsert(streamId: string, rows: readonly InsertRow[], recordedAt: string): Statement[] {
  const statements: Statement[] = [];
  for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + SQLITE_ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const at = params.length;
      params.push(streamId, r.streamVersion, r.eventId, r.type, r.schemaVersion, r.dataJson, r.metadataJson, r.hash, recordedAt);
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

/** An event for PostgreSQL's `events_append`: canonical data and metadata, and its chained hash. */
export interface FunctionAppendRow {
  eventId: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  hash: string;
}

/** A result row of `events_append` (see its migration for the kinds). */
export interface FunctionResultRow {
  kind: 'appended' | 'conflict' | 'head' | 'stored';
  stream_version: number;
  global_position: string | null;
  tx_id: string | null;
  hash: string | null;
  stream_id: string;
  event_id: string | null;
  type: string | null;
  data: unknown;
  metadata: unknown;
}

/**
 * PostgreSQL: one call does the whole append (see the append function's migration), given the
 * head the hashes were chained from. Data and metadata are canonical JSON already and go into
 * the JSON document as they are.
 */
export function postgresAppend(
  streamId: string,
  expected: string,
  head: { version: number; hash: string },
  rows: readonly FunctionAppendRow[],
  recordedAt: string,
): Statement {
  let events = '[';
  for (const r of rows) {
    events +=
      (events.length > 1 ? ',' : '') +
      `{"event_id":${JSON.stringify(r.eventId)},"type":${JSON.stringify(r.type)},"schema_version":${r.schemaVersion},` +
      `"hash":"${r.hash}","data":${r.dataJson},"metadata":${r.metadataJson}}`;
  }
  return {
    sql: 'SELECT * FROM events_append($1, $2, $3, $4, $5::jsonb, $6::timestamptz)',
    params: [streamId, expected, head.version, head.hash, `${events}]`, recordedAt],
  };
}

function verifyPage(
  columns: string,
  after: { streamId: string; version: number } | null,
  onlyStream: string | undefined,
  limit: number,
): Statement {
  if (onlyStream !== undefined) {
    return {
      sql: `SELECT ${columns} FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version LIMIT $3`,
      params: [onlyStream, after?.version ?? 0, limit],
    };
  }
  if (after === null) {
    return { sql: `SELECT ${columns} FROM events ORDER BY stream_id, stream_version LIMIT $1`, params: [limit] };
  }
  return {
    sql: `SELECT ${columns} FROM events WHERE stream_id > $1 OR (stream_id = $1 AND stream_version > $2)
          ORDER BY stream_id, stream_version LIMIT $3`,
    params: [after.streamId, after.version, limit],
  };
}
