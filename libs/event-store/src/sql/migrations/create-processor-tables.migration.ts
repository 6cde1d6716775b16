import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What processors keep besides their own read models: one checkpoint row per processor, and the
 * events a processor gave up on ("parked") with the error, so an operator can see and replay them.
 *
 * `checkpoint` is the event store's opaque checkpoint text; NULL means "from the start" (a new
 * processor, or one being rebuilt). A parked row is written in the same transaction that moves
 * the checkpoint past its event, so an event is either handled, parked, or still ahead.
 */
export class CreateProcessorTables1732300000000 implements MigrationInterface {
  name = 'CreateProcessorTables1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    const text = pg ? 'text' : 'TEXT';
    const timestamp = pg ? 'timestamptz' : 'TEXT';
    const bigint = pg ? 'bigint' : 'INTEGER';
    const integer = pg ? 'integer' : 'INTEGER';
    await queryRunner.query(`CREATE TABLE processor_checkpoints (
      name ${text} PRIMARY KEY,
      checkpoint ${text} NULL,
      updated_at ${timestamp} NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE parked_events (
      processor ${text} NOT NULL,
      event_id ${text} NOT NULL,
      global_position ${bigint} NOT NULL,
      event_type ${text} NOT NULL,
      error ${text} NOT NULL,
      attempts ${integer} NOT NULL,
      parked_at ${timestamp} NOT NULL,
      CONSTRAINT parked_events_pkey PRIMARY KEY (processor, event_id)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE parked_events');
    await queryRunner.query('DROP TABLE processor_checkpoints');
  }
}
