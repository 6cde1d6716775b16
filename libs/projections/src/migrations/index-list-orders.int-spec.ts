import { openSqlDatabase, type SqlDatabase } from '@spinout/event-store';
import { createEmptyDatabase } from '../../../../test/support/empty-database';
import { SETTLEMENTS_TABLE, type SettlementRow } from '../settlements/settlement.row';
import { loadByKeys, upsertRows } from '../sql/statements';
import { PROJECTION_MIGRATIONS } from '.';
import { IndexListOrders1734000000000, LIST_INDEXES } from './index-list-orders.migration';

const TABLES = ['units', 'contracts', 'sla_compliance', 'settlements'];
const BEFORE = PROJECTION_MIGRATIONS.filter((migration) => migration !== IndexListOrders1734000000000);

/** Each index of the list tables as its name and its column list, as the database describes it. */
async function indexesOf(db: SqlDatabase): Promise<Map<string, string>> {
  if (db.dialect === 'postgres') {
    const rows = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1)`,
      [TABLES],
    );
    return new Map(rows.map((row) => [row.indexname, /\((.*)\)$/.exec(row.indexdef)?.[1] ?? row.indexdef]));
  }
  const rows = await db.query<{ name: string; sql: string | null }>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${TABLES.map((_, i) => `$${i + 1}`).join(', ')})`,
    TABLES,
  );
  return new Map(rows.map((row) => [row.name, /\((.*)\)$/.exec(row.sql ?? '')?.[1] ?? 'automatic']));
}

const settlement = (contractId: string, period: string): SettlementRow => ({
  contractId,
  period,
  invoiceId: `inv-${contractId}-${period}`,
  currency: 'CNY',
  grossMinor: 1000,
  slaCreditsMinor: 0,
  creditsMinor: 0,
  netMinor: 1000,
  status: 'invoiced',
  paidMinor: null,
  paymentRef: null,
  recalculations: 0,
  invoicedAt: '2025-02-01T00:00:00.000Z',
  invoicedBy: 'user:finance',
  approvedAt: null,
  approvedBy: null,
  paidAt: null,
  overchargeReason: null,
  updatedAt: '2025-02-01T00:00:00.000Z',
});

const DIALECTS = ['sqlite', 'postgres'] as const;

describe.each(DIALECTS)('list indexes on %s', (dialect) => {
  let url: string;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ url, drop: dispose } = await createEmptyDatabase(dialect, 'spinout_indexes'));
  });
  afterEach(() => dispose());

  it('come with every list index, in the columns and directions each list reads, on a database that already holds rows', async () => {
    const old = await openSqlDatabase({ url, migrations: BEFORE });
    const rows = [settlement('c1', '2025-01'), settlement('c1', '2025-02'), settlement('c2', '2025-01')];
    try {
      await upsertRows(old, SETTLEMENTS_TABLE, rows);
      expect([...(await indexesOf(old)).keys()]).toEqual(
        expect.arrayContaining(['units_stage_idx', 'settlements_period_idx']),
      );
    } finally {
      await old.close();
    }

    const db = await openSqlDatabase({ url, migrations: PROJECTION_MIGRATIONS });
    try {
      const indexes = await indexesOf(db);
      for (const [name, , columns] of LIST_INDEXES) expect([name, indexes.get(name)]).toEqual([name, columns]);
      // The single-column indexes the list indexes replace are gone; the others stay.
      expect(
        [...indexes.keys()]
          .filter((name) => !name.includes('_list_') && !name.endsWith('_pkey') && !name.startsWith('sqlite_autoindex'))
          .sort(),
      ).toEqual(['contracts_unit_id_idx', 'sla_compliance_contract_id_rectification_id_idx', 'units_contract_id_idx']);
      expect(
        await loadByKeys(
          db,
          SETTLEMENTS_TABLE,
          rows.map((row) => [row.contractId, row.period]),
        ),
      ).toHaveLength(3);
    } finally {
      await db.close();
    }
  });

  it('and go back to the indexes before them when the migration is reverted', async () => {
    const db = await openSqlDatabase({ url, migrations: PROJECTION_MIGRATIONS });
    try {
      const runner = db.dataSource.createQueryRunner();
      try {
        await new IndexListOrders1734000000000().down(runner);
      } finally {
        await runner.release();
      }
      const indexes = [...(await indexesOf(db)).keys()];
      expect(indexes.filter((name) => name.includes('_list_'))).toEqual([]);
      expect(indexes).toEqual(
        expect.arrayContaining([
          'units_agency_category_idx',
          'contracts_status_idx',
          'sla_compliance_period_idx',
          'settlements_status_idx',
        ]),
      );
    } finally {
      await db.close();
    }
  });
});
