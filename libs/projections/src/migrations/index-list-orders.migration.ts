import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that serve the view lists' filters and sorts at national scale (ADR 015). Each leads
 * with what a list filters on by equality, follows with the column it sorts by and ends with
 * the table's key, in the directions the list reads them: a page is then one walk of one index,
 * from the start or from a cursor, and its count reads index entries only. The single-column
 * indexes they replace lead the new ones with the same column, so every lookup those served
 * (the projections' own loads included) still finds its index.
 */
type IndexSpec = readonly [name: string, table: string, columns: string];

const REPLACED: readonly IndexSpec[] = [
  ['units_agency_category_idx', 'units', 'agency, category'],
  ['units_stage_idx', 'units', 'stage'],
  ['units_provider_id_idx', 'units', 'provider_id'],
  ['units_next_milestone_due_idx', 'units', 'next_milestone_due'],
  ['contracts_provider_id_idx', 'contracts', 'provider_id'],
  ['contracts_agency_idx', 'contracts', 'agency'],
  ['contracts_status_idx', 'contracts', 'status'],
  ['sla_compliance_period_idx', 'sla_compliance', 'period'],
  ['settlements_period_idx', 'settlements', 'period'],
  ['settlements_status_idx', 'settlements', 'status'],
];

export const LIST_INDEXES: readonly IndexSpec[] = [
  // units: by name (the default) alone and within each equality filter; by each figure, largest first.
  ['units_list_name_idx', 'units', 'name, unit_id'],
  ['units_list_agency_name_idx', 'units', 'agency, name, unit_id'],
  ['units_list_stage_name_idx', 'units', 'stage, name, unit_id'],
  ['units_list_category_name_idx', 'units', 'category, name, unit_id'],
  ['units_list_provider_name_idx', 'units', 'provider_id, name, unit_id'],
  ['units_list_next_milestone_due_idx', 'units', 'next_milestone_due, unit_id'],
  ['units_list_baseline_cost_idx', 'units', 'baseline_cost_minor DESC, unit_id'],
  ['units_list_contracted_cost_idx', 'units', 'contracted_annual_cost_minor DESC, unit_id'],
  ['units_list_establishment_idx', 'units', 'establishment DESC, unit_id'],
  ['units_list_updated_at_idx', 'units', 'updated_at DESC, unit_id'],
  // contracts: by id (the key) within each equality filter; by compliance, worst first, alone and per status; by end date.
  ['contracts_list_status_idx', 'contracts', 'status, contract_id'],
  ['contracts_list_agency_idx', 'contracts', 'agency, contract_id'],
  ['contracts_list_provider_idx', 'contracts', 'provider_id, contract_id'],
  ['contracts_list_compliance_idx', 'contracts', 'compliance_percent, contract_id'],
  ['contracts_list_status_compliance_idx', 'contracts', 'status, compliance_percent, contract_id'],
  ['contracts_list_period_end_idx', 'contracts', 'period_end, contract_id'],
  // SLA compliance and settlements: newest period first (the default), alone and per outcome or status.
  ['sla_compliance_list_period_idx', 'sla_compliance', 'period DESC, contract_id, sla_id'],
  ['sla_compliance_list_outcome_idx', 'sla_compliance', 'outcome, period DESC, contract_id, sla_id'],
  ['settlements_list_period_idx', 'settlements', 'period DESC, contract_id'],
  ['settlements_list_status_idx', 'settlements', 'status, period DESC, contract_id'],
];

async function create(runner: QueryRunner, indexes: readonly IndexSpec[]): Promise<void> {
  for (const [name, table, columns] of indexes) await runner.query(`CREATE INDEX ${name} ON ${table} (${columns})`);
}

async function drop(runner: QueryRunner, indexes: readonly IndexSpec[]): Promise<void> {
  for (const [name] of indexes) await runner.query(`DROP INDEX IF EXISTS ${name}`);
}

export class IndexListOrders1734000000000 implements MigrationInterface {
  name = 'IndexListOrders1734000000000';

  // New indexes first: dropping one locks its table against reads until the migration commits.
  async up(runner: QueryRunner): Promise<void> {
    await create(runner, LIST_INDEXES);
    await drop(runner, REPLACED);
  }

  async down(runner: QueryRunner): Promise<void> {
    await create(runner, REPLACED);
    await drop(runner, LIST_INDEXES);
  }
}
