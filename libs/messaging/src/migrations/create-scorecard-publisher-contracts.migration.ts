import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scorecard publisher's index of which contracts each provider holds. The publisher used to
 * create it on first use, so a database may already have it, filled and in step with the
 * publisher's checkpoint: it is created only where it is missing, and kept as it is.
 */
export class CreateScorecardPublisherContracts1733300000000 implements MigrationInterface {
  name = 'CreateScorecardPublisherContracts1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS pm_provider_scorecard_contracts (
      provider_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      PRIMARY KEY (provider_id, contract_id)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS pm_provider_scorecard_contracts');
  }
}
