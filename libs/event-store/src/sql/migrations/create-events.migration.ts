import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateEventsAppendFunction1732250000000 } from './create-append-function.migration';
import { CreateProcessorHandovers1733100000000 } from './create-processor-handovers.migration';
import { CreateProcessorTables1732300000000 } from './create-processor-tables.migration';
import { DropEventsAppendFunction1732800000000 } from './drop-append-function.migration';
import { CreateStreamHeads1733200000000 } from './create-stream-heads.migration';

/**
 * The event log. One table, no `streams` table: the UNIQUE (stream_id, stream_version) index
 * already finds a stream's head in one index probe (backward scan, LIMIT 1) and turns a racing
 * append into a unique violation, which is all optimistic concurrency needs. A streams row
 * would add a second write and a hot row lock to every append for nothing we read. (Each
 * stream's head is recorded since, in `stream_heads`, for verification to read: see
 * CreateStreamHeads.)
 *
 * PostgreSQL: `tx_id` is the writing transaction's id (xid8, set by the default), so readers
 * can read only below `pg_snapshot_xmin(pg_current_snapshot())` in (tx_id, global_position)
 * order and never skip an event whose bigserial was drawn early but committed late.
 * SQLite has a single writer, so its AUTOINCREMENT rowid is already commit order.
 */
export class CreateEvents1732200000000 implements MigrationInterface {
  name = 'CreateEvents1732200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version > 0),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`);
      await queryRunner.query('CREATE INDEX events_tx_id_position_idx ON events (tx_id, global_position)');
    } else {
      await queryRunner.query(`CREATE TABLE events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL CHECK (stream_version > 0),
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        hash TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE events');
  }
}

/** Every migration this library owns, in order. */
export const EVENT_STORE_MIGRATIONS = [
  CreateEvents1732200000000,
  CreateEventsAppendFunction1732250000000,
  CreateProcessorTables1732300000000,
  DropEventsAppendFunction1732800000000,
  CreateProcessorHandovers1733100000000,
  CreateStreamHeads1733200000000,
];
