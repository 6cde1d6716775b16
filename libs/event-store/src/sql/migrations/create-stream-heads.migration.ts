import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `stream_heads`: each stream's last version, last event id and hash, written by the same
 * statement that appends the events (PostgreSQL: a step of the append statement; SQLite: a
 * trigger on the INSERT). The hash chain shows an event changed or removed inside a stream, but
 * not the removal of a stream's last events or of a whole stream: what remains still links up.
 * Verification compares each stream with its head and reports a head without events, or with
 * fewer events than it recorded (ADR 014).
 *
 * Existing logs get their heads from the events as they are when the migration runs.
 */
export class CreateStreamHeads1733200000000 implements MigrationInterface {
  name = 'CreateStreamHeads1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    // PostgreSQL: room in each page, so moving a head is a HOT update (no index entry, no new
    // page). SQLite: the rows live in the primary key's own B-tree, not in a second one beside it.
    await queryRunner.query(`CREATE TABLE stream_heads (
      stream_id text PRIMARY KEY,
      stream_version integer NOT NULL,
      event_id text NOT NULL,
      hash text NOT NULL
    ) ${postgres ? 'WITH (fillfactor = 70)' : 'WITHOUT ROWID'}`);
    if (postgres) {
      await queryRunner.query(`INSERT INTO stream_heads (stream_id, stream_version, event_id, hash)
        SELECT DISTINCT ON (stream_id) stream_id, stream_version, event_id, hash FROM events ORDER BY stream_id, stream_version DESC`);
      return;
    }
    await queryRunner.query(`INSERT INTO stream_heads (stream_id, stream_version, event_id, hash)
      SELECT e.stream_id, e.stream_version, e.event_id, e.hash FROM events e
       WHERE e.stream_version = (SELECT max(l.stream_version) FROM events l WHERE l.stream_id = e.stream_id)`);
    // A head only moves forward: an insert below it (none the store makes) leaves it alone.
    await queryRunner.query(`CREATE TRIGGER events_stream_head AFTER INSERT ON events FOR EACH ROW BEGIN
      INSERT INTO stream_heads (stream_id, stream_version, event_id, hash) VALUES (NEW.stream_id, NEW.stream_version, NEW.event_id, NEW.hash)
        ON CONFLICT (stream_id) DO UPDATE SET stream_version = excluded.stream_version, event_id = excluded.event_id, hash = excluded.hash
        WHERE excluded.stream_version > stream_heads.stream_version;
    END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') await queryRunner.query('DROP TRIGGER events_stream_head');
    await queryRunner.query('DROP TABLE stream_heads');
  }
}
