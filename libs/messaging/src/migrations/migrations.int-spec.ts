import { openSqlDatabase, SqlEventStore, type SqlDatabase } from '@spinout/event-store';
import { DATABASES } from '../../../event-store/test/databases';
import {
  PROVIDER_CONTRACTS_TABLE,
  providerScorecardPublisher,
} from '../performance/provider-scorecard.process-manager';
import { MESSAGING_MIGRATIONS } from '.';

const MIGRATION = 'CreateScorecardPublisherContracts1733300000000';
/** What the scorecard publisher ran on first use before the table had a migration. */
const CREATED_ON_FIRST_USE = `CREATE TABLE IF NOT EXISTS ${PROVIDER_CONTRACTS_TABLE} (provider_id TEXT NOT NULL, contract_id TEXT NOT NULL, PRIMARY KEY (provider_id, contract_id))`;

const indexed = (db: SqlDatabase) =>
  db.query<{ provider_id: string; contract_id: string }>(
    `SELECT provider_id, contract_id FROM ${PROVIDER_CONTRACTS_TABLE} ORDER BY provider_id, contract_id`,
  );
const applied = async (db: SqlDatabase) =>
  (await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).map((row) => row.name);
const index = (db: SqlDatabase, providerId: string, contractId: string) =>
  db.query(
    `INSERT INTO ${PROVIDER_CONTRACTS_TABLE} (provider_id, contract_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [providerId, contractId],
  );

describe.each(DATABASES)('messaging migrations on $name', (kind) => {
  it("create the scorecard publisher's contract index in a fresh database, for the publisher to fill and reset", async () => {
    const opened = await kind.open({ migrations: MESSAGING_MIGRATIONS });
    try {
      expect(await applied(opened.db)).toContain(MIGRATION);
      await index(opened.db, 'provider-1', 'contract-a');
      await index(opened.db, 'provider-1', 'contract-a'); // a replayed ContractDrafted
      expect(await indexed(opened.db)).toEqual([{ provider_id: 'provider-1', contract_id: 'contract-a' }]);
      await providerScorecardPublisher(new SqlEventStore(opened.db)).reset?.(opened.db);
      expect(await indexed(opened.db)).toEqual([]);
    } finally {
      await opened.dispose();
    }
  });

  it('keep the index a database already has from when the publisher created it on first use', async () => {
    const old = await kind.open();
    try {
      await old.db.query(CREATED_ON_FIRST_USE);
      await index(old.db, 'provider-1', 'contract-a');
      await index(old.db, 'provider-2', 'contract-b');
      const upgraded = await openSqlDatabase({
        url: kind.name === 'sqlite' ? `sqlite:${old.url}` : old.url,
        migrations: MESSAGING_MIGRATIONS,
      });
      try {
        expect(await applied(upgraded)).toContain(MIGRATION);
        expect(await indexed(upgraded)).toEqual([
          { provider_id: 'provider-1', contract_id: 'contract-a' },
          { provider_id: 'provider-2', contract_id: 'contract-b' },
        ]);
        await index(upgraded, 'provider-1', 'contract-c');
        expect(await indexed(upgraded)).toHaveLength(3);
      } finally {
        await upgraded.close();
      }
    } finally {
      await old.dispose();
    }
  });
});
