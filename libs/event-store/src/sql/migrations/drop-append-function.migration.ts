import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateEventsAppendFunction1732250000000 } from './create-append-function.migration';

/**
 * PostgreSQL appends through one prepared INSERT statement now (`postgresAppend` in
 * event-store.statements.ts), so the `events_append` function goes. The statement does less
 * per call (no lookup of the event ids before inserting: the unique index refuses a repeated
 * id and the store then looks), and PostgreSQL keeps its plan per connection without the
 * function's call overhead.
 */
export class DropEventsAppendFunction1732800000000 implements MigrationInterface {
  name = 'DropEventsAppendFunction1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP FUNCTION IF EXISTS events_append(text, text, integer, text, jsonb, timestamptz)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await new CreateEventsAppendFunction1732250000000().up(queryRunner);
  }
}
