import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Values that must be unique across streams (e.g. a provider's credit code), claimed before the append. */
export class CreateUniqueClaims1732500000000 implements MigrationInterface {
  name = 'CreateUniqueClaims1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const time = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'text';
    await queryRunner.query(`CREATE TABLE unique_claims (
      scope text NOT NULL,
      value text NOT NULL,
      owner text NOT NULL,
      claimed_at ${time} NOT NULL,
      PRIMARY KEY (scope, value)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE unique_claims');
  }
}

export const WORKFLOW_MIGRATIONS = [CreateUniqueClaims1732500000000];
