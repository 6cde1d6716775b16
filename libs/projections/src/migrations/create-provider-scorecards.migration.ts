import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndex, createTable, dropTables } from './ddl';

export class CreateProviderScorecardsView1732500000005 implements MigrationInterface {
  name = 'CreateProviderScorecardsView1732500000005';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      'provider_scorecards',
      [
        ['provider_id', 'text'],
        ['period', 'text'],
        ['score', 'real'],
        ['rating', 'text'],
        ['weighted_points', 'real'],
        ['weight_total', 'real'],
        ['measurements', 'integer'],
        ['contracts', 'integer'],
        ['breaches', 'integer'],
        ['critical_breaches', 'integer'],
        ['credits_minor', 'bigint'],
        ['currency', 'text', 'null'],
        ['previous_period', 'text', 'null'],
        ['previous_score', 'real', 'null'],
        ['trend', 'real', 'null'],
        ['updated_at', 'text'],
      ],
      ['provider_id', 'period'],
    );
    // Ranking within a period reads the period's scores in order.
    await createIndex(runner, 'provider_scorecards', ['period', 'score']);
    await createTable(
      runner,
      'provider_scorecard_entries',
      [
        ['provider_id', 'text'],
        ['period', 'text'],
        ['contract_id', 'text'],
        ['sla_id', 'text'],
        ['weight', 'real'],
        ['outcome', 'text'],
        ['credit_minor', 'bigint'],
        ['currency', 'text'],
      ],
      ['provider_id', 'period', 'contract_id', 'sla_id'],
    );
    await createTable(
      runner,
      'provider_scorecard_contracts',
      [
        ['contract_id', 'text'],
        ['provider_id', 'text'],
        ['sla_weights', 'text'],
      ],
      ['contract_id'],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, 'provider_scorecards', 'provider_scorecard_entries', 'provider_scorecard_contracts');
  }
}
