import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL appends in one round trip: `events_append` reads the stream's head, looks for the
 * event ids already stored, checks the expected version and inserts, all in the caller's
 * transaction (autocommit: its own). Against a probe query followed by an INSERT from the
 * application it halves the round trips, and PostgreSQL keeps the plans of its statements per
 * session instead of parsing and planning them on every append (the SET clauses below say why
 * those plans are pinned).
 *
 * The application computes the hashes (`chainHash`), starting from the head it believes the
 * stream has (`p_head_version`, `p_head_hash`: from its last read or append, or the genesis of
 * a new stream). The function inserts only if the stream really is at that head; otherwise it
 * answers with the head and the application hashes again and repeats the call. Assembling the
 * canonical text and hashing in PL/pgSQL was measured too: it costs the server about as much
 * again as the insert itself.
 *
 * Result rows, by `kind`:
 *   appended  the last inserted event (its version and checkpoint are the append's result)
 *   conflict  the expected version was not met; `stream_version` and `hash` are the stream's head
 *   head      the stream's head (version 0 when absent): for an empty append, when the assumed
 *             head was not the stream's head, or with…
 *   stored    …one row per event id already in the log, whose content the application compares
 * A racing writer that took the same versions or ids first makes the INSERT raise 23505;
 * the application re-runs the call, which then reports a conflict, a new head or the stored events.
 */
export class CreateEventsAppendFunction1732250000000 implements MigrationInterface {
  name = 'CreateEventsAppendFunction1732250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(`CREATE FUNCTION events_append(
        p_stream_id text,
        p_expected text,
        p_head_version integer,
        p_head_hash text,
        -- [{ event_id, type, schema_version, data, metadata, hash }, …] in stream order
        p_events jsonb,
        p_recorded_at timestamptz
      ) RETURNS TABLE (kind text, stream_version integer, global_position bigint, tx_id text, hash text,
                       stream_id text, event_id text, type text, data jsonb, metadata jsonb)
      LANGUAGE plpgsql
      -- PL/pgSQL caches each statement's plan per session. Left to itself, PostgreSQL switches to a
      -- generic plan after five calls, planned against the table as it was then: on a young, small
      -- log that is a sequential scan for "event_id = ANY(ids)", kept while the log grows. Index
      -- scans are what these lookups need at any size, and one plan for all calls saves planning.
      SET plan_cache_mode = force_generic_plan
      SET enable_seqscan = off
      AS $fn$
      #variable_conflict use_column
      DECLARE
        v_ids text[];
        v_count integer;
        v_version integer;
        v_hash text;
        v_position bigint;
        v_tx text;
        v_conflict boolean;
      BEGIN
        SELECT coalesce(array_agg(x.event_id), ARRAY[]::text[]) INTO v_ids FROM jsonb_to_recordset(p_events) AS x(event_id text);
        v_count := cardinality(v_ids);

        SELECT e.stream_version, e.hash, e.global_position, e.tx_id::text
          INTO v_version, v_hash, v_position, v_tx
          FROM events e WHERE e.stream_id = p_stream_id ORDER BY e.stream_version DESC LIMIT 1;
        IF NOT FOUND THEN
          v_version := 0;
          v_hash := repeat('0', 64);
        END IF;

        IF v_count > 0 AND EXISTS (SELECT 1 FROM events e WHERE e.event_id = ANY (v_ids)) THEN
          RETURN QUERY SELECT 'head'::text, v_version, v_position, v_tx, v_hash, p_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN QUERY SELECT 'stored'::text, e.stream_version, e.global_position, e.tx_id::text, e.hash, e.stream_id, e.event_id, e.type, e.data, e.metadata
            FROM events e WHERE e.event_id = ANY (v_ids);
          RETURN;
        END IF;

        v_conflict := CASE p_expected
          WHEN 'any' THEN false
          WHEN 'no_stream' THEN v_version <> 0
          WHEN 'stream_exists' THEN v_version = 0
          ELSE v_version <> p_expected::integer
        END;
        IF v_conflict THEN
          RETURN QUERY SELECT 'conflict'::text, v_version, v_position, v_tx, v_hash, p_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;

        IF v_count = 0 OR v_version <> p_head_version OR v_hash <> p_head_hash THEN
          RETURN QUERY SELECT 'head'::text, v_version, v_position, v_tx, v_hash, p_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;

        RETURN QUERY
          WITH inserted AS (
            INSERT INTO events AS e (stream_id, stream_version, event_id, type, schema_version, data, metadata, hash, recorded_at)
            SELECT p_stream_id, v_version + x.ord::integer, x.event_id, x.type, x.schema_version,
                   coalesce(x.data, 'null'::jsonb), x.metadata, x.hash, p_recorded_at -- JSON null arrives as SQL NULL
              FROM ROWS FROM (jsonb_to_recordset(p_events) AS (event_id text, type text, schema_version integer,
                                                               data jsonb, metadata jsonb, hash text))
                   WITH ORDINALITY AS x(event_id, type, schema_version, data, metadata, hash, ord)
            RETURNING e.stream_version, e.global_position, e.tx_id, e.hash
          )
          SELECT 'appended'::text, i.stream_version, i.global_position, i.tx_id::text, i.hash, p_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb
            FROM inserted i ORDER BY i.stream_version DESC LIMIT 1;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP FUNCTION events_append(text, text, integer, text, jsonb, timestamptz)');
  }
}
