import type { MigrationInterface, QueryRunner } from 'typeorm';
import { UNIT_COLUMNS } from './create-units.migration';
import { createIndex, createTable, dropTables } from './ddl';

export class CreateReformProgressView1732500000002 implements MigrationInterface {
  name = 'CreateReformProgressView1732500000002';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      'reform_progress',
      [
        ['agency', 'text'],
        ['category', 'text'],
        ['currency', 'text', 'null'],
        ['currency_units', 'text'],
        ['units_total', 'integer'],
        ['units_in_house', 'integer'],
        ['units_plan_proposed', 'integer'],
        ['units_plan_approved', 'integer'],
        ['units_procurement', 'integer'],
        ['units_awarded', 'integer'],
        ['units_transition', 'integer'],
        ['units_outsourced', 'integer'],
        ['units_spun_off', 'integer'],
        ['units_charge_back', 'integer'],
        ['units_retained', 'integer'],
        ['establishment', 'integer'],
        ['staff_in_house', 'integer'],
        ['staff_transferred', 'integer'],
        ['staff_redeployed', 'integer'],
        ['staff_retired', 'integer'],
        ['staff_left', 'integer'],
        ['baseline_cost_minor', 'bigint'],
        ['contracted_units_baseline_minor', 'bigint'],
        ['contracted_annual_cost_minor', 'bigint'],
        ['realised_savings_minor', 'bigint'],
        ['open_milestones', 'integer'],
        ['milestone_due_dates', 'text'],
        ['next_milestone_due', 'text', 'null'],
        ['updated_at', 'text'],
      ],
      ['agency', 'category'],
    );
    await createTable(runner, 'reform_progress_units', UNIT_COLUMNS, ['unit_id']);
    await createIndex(runner, 'reform_progress_units', ['contract_id']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, 'reform_progress', 'reform_progress_units');
  }
}
