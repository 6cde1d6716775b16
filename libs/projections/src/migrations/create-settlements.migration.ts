import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndex, createTable, dropTables } from './ddl';

export class CreateSettlementsView1732500000006 implements MigrationInterface {
  name = 'CreateSettlementsView1732500000006';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      'settlements',
      [
        ['contract_id', 'text'],
        ['period', 'text'],
        ['invoice_id', 'text'],
        ['currency', 'text'],
        ['gross_minor', 'bigint'],
        ['sla_credits_minor', 'bigint'],
        ['credits_minor', 'bigint'],
        ['net_minor', 'bigint'],
        ['status', 'text'],
        ['paid_minor', 'bigint', 'null'],
        ['payment_ref', 'text', 'null'],
        ['recalculations', 'integer'],
        ['invoiced_at', 'text'],
        ['invoiced_by', 'text'],
        ['approved_at', 'text', 'null'],
        ['approved_by', 'text', 'null'],
        ['paid_at', 'text', 'null'],
        ['updated_at', 'text'],
      ],
      ['contract_id', 'period'],
    );
    await createIndex(runner, 'settlements', ['period']);
    await createIndex(runner, 'settlements', ['status']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, 'settlements');
  }
}
