import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndex, createTable, dropTables } from './ddl';

export class CreateSlaComplianceView1732500000004 implements MigrationInterface {
  name = 'CreateSlaComplianceView1732500000004';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      'sla_compliance',
      [
        ['contract_id', 'text'],
        ['sla_id', 'text'],
        ['period', 'text'],
        ['value', 'real'],
        ['direction', 'text'],
        ['target', 'real'],
        ['critical_threshold', 'real'],
        ['outcome', 'text'],
        ['credit_minor', 'bigint'],
        ['currency', 'text'],
        ['corrected', 'boolean'],
        ['corrections', 'integer'],
        ['first_value', 'real'],
        ['recorded_at', 'text'],
        ['rectification_id', 'text', 'null'],
        ['rectification_due_date', 'text', 'null'],
        ['rectification_status', 'text', 'null'],
        ['updated_at', 'text'],
      ],
      ['contract_id', 'sla_id', 'period'],
    );
    await createIndex(runner, 'sla_compliance', ['contract_id', 'rectification_id']);
    await createIndex(runner, 'sla_compliance', ['period']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, 'sla_compliance');
  }
}
