import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Remembers the first response to each (principal, Idempotency-Key) so a retried command is not applied twice. */
export class CreateIdempotencyKeys1732400000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const time = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'text';
    await queryRunner.query(`CREATE TABLE idempotency_keys (
      principal_id text NOT NULL,
      idempotency_key text NOT NULL,
      fingerprint text NOT NULL,
      status_code integer,
      response_body text,
      etag text,
      location text,
      created_at ${time} NOT NULL,
      PRIMARY KEY (principal_id, idempotency_key)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
