import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Claims of Idempotency-Keys get a lease and a token, and stored outcomes an expiry (ADR 012).
 *
 * `claim_token` names the request holding the claim: only it may complete or release the key.
 * `lease_expires_at`: until then the claim is the request's; afterwards a retry may take it over.
 * `completed_at`: when the outcome was stored. `expires_at`: when the row may be purged (the
 * outcome, or a claim nobody came back for, after the retention).
 *
 * Rows from before have no token; their claims' leases end at once (a request that left one
 * unfinished died with the process), and they expire after a day.
 */
export class AddIdempotencyLeases1733200000001 implements MigrationInterface {
  name = 'AddIdempotencyLeases1733200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const time = postgres ? 'timestamptz' : 'text';
    for (const column of [
      'claim_token text',
      `lease_expires_at ${time}`,
      `completed_at ${time}`,
      `expires_at ${time}`,
    ]) {
      await queryRunner.query(`ALTER TABLE idempotency_keys ADD COLUMN ${column}`);
    }
    const dayLater = postgres
      ? "created_at + interval '24 hours'"
      : "strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+24 hours')";
    await queryRunner.query(`UPDATE idempotency_keys SET lease_expires_at = created_at, expires_at = ${dayLater}`);
    await queryRunner.query('CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idempotency_keys_expires_at');
    for (const column of ['expires_at', 'completed_at', 'lease_expires_at', 'claim_token']) {
      await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN ${column}`);
    }
  }
}
