import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndex, createTable, dropTables } from './ddl';

export class CreateAuditTrailView1732500000007 implements MigrationInterface {
  name = 'CreateAuditTrailView1732500000007';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      'audit_trail',
      [
        ['global_position', 'bigint'],
        ['event_id', 'text'],
        ['stream_id', 'text'],
        ['category', 'text'],
        ['stream_version', 'integer'],
        ['type', 'text'],
        ['schema_version', 'integer'],
        ['actor', 'text'],
        ['reason', 'text', 'null'],
        ['occurred_at', 'text'],
        ['recorded_at', 'text'],
        ['correlation_id', 'text', 'null'],
        ['causation_id', 'text', 'null'],
      ],
      ['global_position'],
    );
    // Read per stream and per actor, in log order. No other index: each costs the rebuild a b-tree insert per event.
    await createIndex(runner, 'audit_trail', ['stream_id', 'global_position']);
    await createIndex(runner, 'audit_trail', ['actor', 'global_position']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropTables(runner, 'audit_trail');
  }
}
