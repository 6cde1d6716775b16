import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests that the active instance of a processor hand it over (to a rebuild in another
 * process), one row per processor at most, lapsing at `expires_at` unless renewed. Used on
 * PostgreSQL; on SQLite one process owns the file and rebuilds with the service stopped, but the
 * table exists there too so that both dialects have the same schema.
 */
export class CreateProcessorHandovers1733100000000 implements MigrationInterface {
  name = 'CreateProcessorHandovers1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    const text = pg ? 'text' : 'TEXT';
    const timestamp = pg ? 'timestamptz' : 'TEXT';
    await queryRunner.query(`CREATE TABLE processor_handovers (
      name ${text} PRIMARY KEY,
      requested_by ${text} NOT NULL,
      requested_at ${timestamp} NOT NULL,
      expires_at ${timestamp} NOT NULL
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE processor_handovers');
  }
}
