import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndex, createTable, dropTables } from './ddl';

export class CreateContractsView1732500000003 implements MigrationInterface {
  name = 'CreateContractsView1732500000003';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      'contracts',
      [
        ['contract_id', 'text'],
        ['unit_id', 'text'],
        ['provider_id', 'text'],
        ['agency', 'text'],
        ['procurement_id', 'text'],
        ['award_id', 'text'],
        ['status', 'text'],
        ['currency', 'text'],
        ['total_value_minor', 'bigint'],
        ['monthly_charge_minor', 'bigint'],
        ['period_start', 'text'],
        ['period_end', 'text'],
        ['credit_cap_percent', 'real'],
        ['sla_count', 'integer'],
        ['latest_outcomes', 'text'],
        ['compliance_percent', 'real', 'null'],
        ['measurements', 'integer'],
        ['corrections', 'integer'],
        ['breaches', 'integer'],
        ['critical_breaches', 'integer'],
        ['credits_total_minor', 'bigint'],
        ['credits_applied_minor', 'bigint'],
        ['paid_minor', 'bigint'],
        ['open_rectifications', 'integer'],
        ['amendments', 'integer'],
        ['renewals', 'integer'],
        ['drafted_at', 'text'],
        ['signed_at', 'text', 'null'],
        ['activated_at', 'text', 'null'],
        ['ended_at', 'text', 'null'],
        ['termination_reason', 'text', 'null'],
        ['version', 'integer'],
        ['updated_at', 'text'],
      ],
      ['contract_id'],
    );
    await createIndex(runner, 'contracts', ['provider_id']);
    await createIndex(runner, 'contracts', ['agency']);
    await createIndex(runner, 'contracts', ['unit_id']);
    await createIndex(runner, 'contracts', ['status']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, 'contracts');
  }
}
