import { Client } from 'pg';
import { openSqlDatabase, SqlEventStore } from '@spinout/event-store';
import { spinoutUpcasters } from '@spinout/workflow';
import { APP_ENTITIES, APP_MIGRATIONS } from '../../apps/api/src/database/migrations';
import { bearer } from '../support/app';
import { eventually } from '../support/eventually';
import { CommandLoad } from './support/command-load';
import { readModelsAgainstRebuild } from './support/read-models';
import { ServiceProcess } from './support/service-process';
import { ThrowawayPostgres } from './support/throwaway-postgres';

/**
 * Fault tier: PostgreSQL itself is stopped and started again (twice) while clients send
 * commands to a running service. The service is not restarted: it must answer again once the
 * database is back, its processors must catch up, and no command may be half-applied — every
 * stream verifies (hash chain, no gaps), every acknowledged command is there, and every read
 * model equals a rebuild from the log.
 */
const RESTARTS = 2;
const office = bearer('fault.office', 'reform_office');
const operator = bearer('fault.ops', 'operator');

describe('PostgreSQL restarted under load', () => {
  let cluster: ThrowawayPostgres;
  let service: ServiceProcess;
  let databaseUrl: string;

  beforeAll(async () => {
    cluster = await ThrowawayPostgres.create();
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE spinout');
    await admin.end();
    databaseUrl = cluster.url.replace(/\/postgres$/, '/spinout');
    service = await ServiceProcess.create({ DATABASE_URL: databaseUrl });
    await service.start();
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
    cluster?.destroy();
  });

  it('recovers without a restart of its own, and no command is half-applied', async () => {
    const load = new CommandLoad(
      () => service.url,
      office,
      (sequence) => ({
        path: '/service-units',
        body: {
          agency: 'Database Outage Office',
          name: `Unit ${sequence}`,
          category: 'security',
          establishmentHeadcount: 2,
          annualCostBaseline: { amountMinor: 2_000_000 },
          assets: [{ assetId: `A-${sequence}`, description: 'Radio', bookValue: { amountMinor: 10_000 } }],
        },
      }),
      6,
    );
    load.start();
    for (let restart = 1; restart <= RESTARTS; restart += 1) {
      await eventually(async () => expect(load.acknowledged().length).toBeGreaterThanOrEqual(restart * 50), {
        timeoutMs: 90_000,
        intervalMs: 20,
      });
      cluster.stop('fast');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await cluster.start();
    }
    // Answering again without a restart: new commands are acknowledged after the last outage.
    const before = load.acknowledged().length;
    await eventually(async () => expect(load.acknowledged().length).toBeGreaterThanOrEqual(before + 50), {
      timeoutMs: 90_000,
      intervalMs: 50,
    });
    const sent = await load.stop();
    expect(await (await fetch(`${service.url}/health`)).json()).toEqual({ status: 'up' });
    // While the database was away, the service said so (503, retry) or the connection dropped; never another error.
    const unexpected = sent.filter(
      (command) => command.outcome !== 'acknowledged' && command.status !== undefined && command.status !== 503,
    );
    const errors =
      unexpected.length === 0
        ? []
        : service
            .log()
            .split('\n')
            .filter((line) => /"level":"error".*"context":"HTTP"/.test(line));
    expect({ statuses: unexpected.map((command) => command.status), errors }).toEqual({ statuses: [], errors: [] });

    const acknowledged = load.acknowledged();
    for (const command of acknowledged) {
      const unit = await fetch(`${service.url}/service-units/${command.response?.id}`, { headers: office });
      expect([command.key, unit.status]).toEqual([command.key, 200]);
    }
    await eventually(
      async () => {
        const details = (await (await fetch(`${service.url}/health/details`, { headers: operator })).json()) as {
          processors: Array<{ name: string; lag: number; parked: number }>;
        };
        for (const processor of details.processors)
          expect([processor.name, processor.lag, processor.parked]).toEqual([processor.name, 0, 0]);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await service.stop();

    const db = await openSqlDatabase({ url: databaseUrl, migrations: APP_MIGRATIONS, entities: APP_ENTITIES });
    try {
      const verification = await new SqlEventStore(db, spinoutUpcasters()).verify();
      expect(verification).toMatchObject({ ok: true });
    } finally {
      await db.close();
    }
    const { live, rebuilt } = await readModelsAgainstRebuild(databaseUrl);
    expect(live).toEqual(rebuilt);
    const lost = sent.filter((command) => command.outcome !== 'acknowledged').length;
    process.stdout.write(
      `PostgreSQL restarted ×${RESTARTS}: ${sent.length} commands sent, ${acknowledged.length} acknowledged, ${lost} answered 503 or lost while the database was down\n`,
    );
  }, 600_000);
});
