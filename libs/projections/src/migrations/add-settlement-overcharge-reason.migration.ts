import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addNullableColumn, dropColumn } from './ddl';

/**
 * Settlements show why an invoice charged more than the monthly charge. Invoices recorded before
 * the reason existed carry none, so their rows stay null: the column is exactly what a rebuild gives.
 */
export class AddSettlementOverchargeReason1733000000000 implements MigrationInterface {
  name = 'AddSettlementOverchargeReason1733000000000';

  async up(runner: QueryRunner): Promise<void> {
    await addNullableColumn(runner, 'settlements', 'overcharge_reason', 'text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropColumn(runner, 'settlements', 'overcharge_reason');
  }
}
