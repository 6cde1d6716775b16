import type { EntitySchema } from 'typeorm';
import { AUDIT_TRAIL_TABLE } from './audit-trail/audit-entry.row';
import { CONTRACTS_TABLE } from './contracts/contract.row';
import {
  PROVIDER_SCORECARDS_TABLE,
  SCORECARD_CONTRACTS_TABLE,
  SCORECARD_ENTRIES_TABLE,
} from './provider-scorecards/provider-scorecard.row';
import { REFORM_PROGRESS_TABLE, REFORM_PROGRESS_UNITS_TABLE } from './reform-progress/reform-progress.row';
import { SETTLEMENTS_TABLE } from './settlements/settlement.row';
import { SLA_COMPLIANCE_TABLE } from './sla-compliance/sla-compliance.row';
import { columnsOf, entitySchemaOf, snakeCase, type TableSpec } from './sql/table';
import { UNITS_TABLE } from './units/unit.row';

/** A table's name, key columns and columns, whatever its row type. */
export interface TableShape {
  readonly name: string;
  readonly key: readonly string[];
  readonly columns: readonly { readonly column: string; readonly nullable: boolean }[];
}

function shapeOf<Row>(table: TableSpec<Row>): TableShape {
  return {
    name: table.name,
    key: table.key.map(snakeCase),
    columns: columnsOf(table).map((c) => ({ column: c.column, nullable: c.spec.nullable })),
  };
}

/** Every table the projections own: the read models and their private working tables. */
export const PROJECTION_TABLES: readonly TableShape[] = [
  shapeOf(UNITS_TABLE),
  shapeOf(REFORM_PROGRESS_TABLE),
  shapeOf(REFORM_PROGRESS_UNITS_TABLE),
  shapeOf(CONTRACTS_TABLE),
  shapeOf(SLA_COMPLIANCE_TABLE),
  shapeOf(PROVIDER_SCORECARDS_TABLE),
  shapeOf(SCORECARD_ENTRIES_TABLE),
  shapeOf(SCORECARD_CONTRACTS_TABLE),
  shapeOf(SETTLEMENTS_TABLE),
  shapeOf(AUDIT_TRAIL_TABLE),
];

/** TypeORM entities of those tables, for `openSqlDatabase({ entities })`; the tables themselves come from PROJECTION_MIGRATIONS. */
export const PROJECTION_ENTITIES: EntitySchema[] = [
  entitySchemaOf(UNITS_TABLE),
  entitySchemaOf(REFORM_PROGRESS_TABLE),
  entitySchemaOf(REFORM_PROGRESS_UNITS_TABLE),
  entitySchemaOf(CONTRACTS_TABLE),
  entitySchemaOf(SLA_COMPLIANCE_TABLE),
  entitySchemaOf(PROVIDER_SCORECARDS_TABLE),
  entitySchemaOf(SCORECARD_ENTRIES_TABLE),
  entitySchemaOf(SCORECARD_CONTRACTS_TABLE),
  entitySchemaOf(SETTLEMENTS_TABLE),
  entitySchemaOf(AUDIT_TRAIL_TABLE),
];
