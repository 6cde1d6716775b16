import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL appends in one round trip: `events_append` reads the stream's head, looks for the
 * event ids already stored, checks the expected version, chains the hashes and inserts, all in
 * the caller's transaction (autocommit: its own). Measured against a probe query followed by an
 * INSERT from the application, it halves the round trips and lets PostgreSQL keep the plans of
 * its statements per session instead of parsing and planning them on every append (see the SET
 * clauses below for why those plans are pinned).
 *
 * The hash is the one `chainHash` computes: sha256 over the canonical JSON of the event's content
 * followed by the previous hash. The application sends canonical data and metadata; the function
 * adds the stream version, which only it knows, and assembles the same text `canonicalContent`
 * does. The PostgreSQL specs check the two agree (verify() recomputes every hash in the application).
 *
 * Result rows, by `kind`:
 *   appended  the last inserted event (its version and checkpoint are the append's result)
 *   conflict  the expected version was not met; `stream_version` is the stream's version
 *   head      the stream's head (version 0 when absent): for an empty append, or with…
 *   stored    …one row per event id already in the log, whose content the application compares
 * A racing writer that took the same versions or ids first makes the INSERT raise 23505;
 * the application re-runs the call, which then reports a conflict or the stored events.
 */
export class CreateEventsAppendFunction1732250000000 implements MigrationInterface {
  name = 'CreateEventsAppendFunction1732250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(`CREATE FUNCTION events_append(
        p_stream json, -- the stream id as a JSON string
        p_expected text,
        -- [{ event_id, type, schema_version, data, metadata }, …] in stream order
        p_events json,
        p_recorded_at timestamptz
      ) RETURNS TABLE (kind text, stream_version integer, global_position bigint, tx_id text,
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
        v_stream_id text := p_stream #>> '{}';
        v_ids text[];
        v_types text[];
        v_schema_versions integer[];
        v_data jsonb[];
        v_metadata jsonb[];
        v_prefixes text[];
        v_suffixes text[];
        v_count integer;
        v_version integer;
        v_hash text;
        v_position bigint;
        v_tx text;
        v_hashes text[] := ARRAY[]::text[];
        v_conflict boolean;
        v_part record;
      BEGIN
        -- One JSON document, parsed once. The json type keeps the client's text verbatim, so the
        -- canonical JSON the hash covers is assembled from it exactly as the application's
        -- canonicalContent() does, split where the stream version goes (known only below):
        -- {"data":…,"eventId":…,"metadata":…,"schemaVersion":…,"streamId":…,"streamVersion":N,"type":…}
        SELECT coalesce(array_agg(x.event_id #>> '{}' ORDER BY x.ord), ARRAY[]::text[]),
               array_agg(x.type #>> '{}' ORDER BY x.ord),
               array_agg(x.schema_version ORDER BY x.ord),
               array_agg(coalesce(x.data::jsonb, 'null'::jsonb) ORDER BY x.ord), -- JSON null arrives as SQL NULL
               array_agg(coalesce(x.metadata::jsonb, 'null'::jsonb) ORDER BY x.ord),
               array_agg('{"data":' || coalesce(x.data::text, 'null') || ',"eventId":' || x.event_id::text
                         || ',"metadata":' || coalesce(x.metadata::text, 'null') || ',"schemaVersion":' || x.schema_version::text
                         || ',"streamId":' || p_stream::text || ',"streamVersion":' ORDER BY x.ord),
               array_agg(',"type":' || x.type::text || '}' ORDER BY x.ord)
          INTO v_ids, v_types, v_schema_versions, v_data, v_metadata, v_prefixes, v_suffixes
          FROM ROWS FROM (json_to_recordset(p_events) AS (event_id json, type json, schema_version integer, data json, metadata json))
               WITH ORDINALITY AS x(event_id, type, schema_version, data, metadata, ord);
        v_count := cardinality(v_ids);

        SELECT e.stream_version, e.hash, e.global_position, e.tx_id::text
          INTO v_version, v_hash, v_position, v_tx
          FROM events e WHERE e.stream_id = v_stream_id ORDER BY e.stream_version DESC LIMIT 1;
        IF NOT FOUND THEN
          v_version := 0;
          v_hash := repeat('0', 64);
        END IF;

        IF v_count > 0 AND EXISTS (SELECT 1 FROM events e WHERE e.event_id = ANY (v_ids)) THEN
          RETURN QUERY SELECT 'head'::text, v_version, v_position, v_tx, v_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN QUERY SELECT 'stored'::text, e.stream_version, e.global_position, e.tx_id::text, e.stream_id, e.event_id, e.type, e.data, e.metadata
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
          RETURN QUERY SELECT 'conflict'::text, v_version, NULL::bigint, NULL::text, v_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;

        IF v_count = 0 THEN
          RETURN QUERY SELECT 'head'::text, v_version, v_position, v_tx, v_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;

        -- unnest walks the arrays once (subscripting a text[] by position rescans it from the start)
        FOR v_part IN SELECT u.ord, u.prefix, u.suffix FROM unnest(v_prefixes, v_suffixes) WITH ORDINALITY AS u(prefix, suffix, ord) ORDER BY u.ord LOOP
          v_hash := encode(sha256(convert_to(v_part.prefix || (v_version + v_part.ord)::text || v_part.suffix || v_hash, 'UTF8')), 'hex');
          v_hashes := array_append(v_hashes, v_hash);
        END LOOP;

        RETURN QUERY
          WITH inserted AS (
            INSERT INTO events AS e (stream_id, stream_version, event_id, type, schema_version, data, metadata, hash, recorded_at)
            SELECT v_stream_id, v_version + u.ord::integer, u.id, u.t, u.s, u.d, u.m, u.h, p_recorded_at
              FROM unnest(v_ids, v_types, v_schema_versions, v_data, v_metadata, v_hashes) WITH ORDINALITY AS u(id, t, s, d, m, h, ord)
            RETURNING e.stream_version, e.global_position, e.tx_id
          )
          SELECT 'appended'::text, i.stream_version, i.global_position, i.tx_id::text, v_stream_id, NULL::text, NULL::text, NULL::jsonb, NULL::jsonb
            FROM inserted i ORDER BY i.stream_version DESC LIMIT 1;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP FUNCTION events_append(json, text, json, timestamptz)');
  }
}
