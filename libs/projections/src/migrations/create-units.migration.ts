import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndex, createTable, dropTables, type DdlColumn } from './ddl';

/** Unit rows share one shape: `units` (the read model) and `reform_progress_units` (the progress view's own copy). */
export const UNIT_COLUMNS: readonly DdlColumn[] = [
  ['unit_id', 'text'],
  ['agency', 'text'],
  ['name', 'text'],
  ['category', 'text'],
  ['currency', 'text'],
  ['stage', 'text'],
  ['establishment', 'integer'],
  ['baseline_cost_minor', 'bigint'],
  ['registered_at', 'text'],
  ['plan_mode', 'text', 'null'],
  ['plan_status', 'text', 'null'],
  ['plan_revision', 'integer', 'null'],
  ['target_annual_cost_minor', 'bigint', 'null'],
  ['target_date', 'text', 'null'],
  ['procurement_id', 'text', 'null'],
  ['provider_id', 'text', 'null'],
  ['contract_id', 'text', 'null'],
  ['contract_status', 'text', 'null'],
  ['contract_monthly_charge_minor', 'bigint', 'null'],
  ['contracted_annual_cost_minor', 'bigint', 'null'],
  ['staff_transferred', 'integer'],
  ['staff_redeployed', 'integer'],
  ['staff_retired', 'integer'],
  ['staff_left', 'integer'],
  ['staff_in_house', 'integer'],
  ['assets_count', 'integer'],
  ['assets_handed_over', 'integer'],
  ['milestones_total', 'integer'],
  ['milestones_completed', 'integer'],
  ['open_milestones', 'text'],
  ['next_milestone_id', 'text', 'null'],
  ['next_milestone_title', 'text', 'null'],
  ['next_milestone_due', 'text', 'null'],
  ['version', 'integer'],
  ['updated_at', 'text'],
];

export class CreateUnitsView1732500000001 implements MigrationInterface {
  name = 'CreateUnitsView1732500000001';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(runner, 'units', UNIT_COLUMNS, ['unit_id']);
    await createIndex(runner, 'units', ['agency', 'category']);
    await createIndex(runner, 'units', ['stage']);
    await createIndex(runner, 'units', ['provider_id']);
    await createIndex(runner, 'units', ['contract_id']);
    await createIndex(runner, 'units', ['next_milestone_due']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, 'units');
  }
}
