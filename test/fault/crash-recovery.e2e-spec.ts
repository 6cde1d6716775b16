import { bearer } from '../support/app';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { CommandLoad, send, type SentCommand } from './support/command-load';
import { readModelsAgainstRebuild } from './support/read-models';
import { ServiceProcess } from './support/service-process';

/**
 * Fault tier: the service is killed with SIGKILL five times while eight clients send commands
 * on PostgreSQL. Afterwards every acknowledged command is readable, every command whose outcome
 * the client never learned is settled by retrying it with its Idempotency-Key (a replay if it
 * had committed, a first execution if not — never stuck "in progress" past the claim's lease,
 * never done twice), and every read model equals a rebuild from the log.
 */
const KILLS = 5;
const CLAIM_LEASE_SECONDS = 3;
const office = bearer('fault.office', 'reform_office');
const operator = bearer('fault.ops', 'operator');

describe('kill -9 under load (PostgreSQL)', () => {
  let database: TestDatabase;
  let service: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase('spinout_fault_crash');
    service = await ServiceProcess.create({
      DATABASE_URL: database.url,
      IDEMPOTENCY_CLAIM_LEASE_SECONDS: String(CLAIM_LEASE_SECONDS),
    });
    await service.start();
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it(`loses nothing acknowledged, settles every unknown outcome by a retry, and keeps every view equal to a rebuild, across ${KILLS} kills`, async () => {
    const load = new CommandLoad(
      () => service.url,
      office,
      (sequence) => ({
        path: '/service-units',
        body: {
          agency: 'Fault Injection Bureau',
          name: `Unit ${sequence}`,
          category: sequence % 2 === 0 ? 'canteen' : 'cleaning',
          establishmentHeadcount: 1 + (sequence % 7),
          annualCostBaseline: { amountMinor: 1_000_000 + sequence },
          assets: [],
        },
      }),
    );
    load.start();
    for (let kill = 1; kill <= KILLS; kill += 1) {
      await eventually(async () => expect(load.acknowledged().length).toBeGreaterThanOrEqual(kill * 40), {
        timeoutMs: 60_000,
        intervalMs: 20,
      });
      await service.kill();
      await service.start();
    }
    await eventually(async () => expect(load.acknowledged().length).toBeGreaterThanOrEqual((KILLS + 1) * 40), {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    const sent = await load.stop();

    const lost = sent.filter((command) => command.outcome === 'lost');
    const refused = sent.filter((command) => command.outcome === 'refused');
    expect(refused.map((command) => command.status)).toEqual(refused.map(() => 409)); // only a claim still in progress

    // Every command whose outcome is unknown is settled by retrying it; a claim never stays stuck past its lease.
    for (const command of [...lost, ...refused]) {
      await eventually(
        async () => {
          await send(service.url, office, command);
          expect([command.key, command.status]).toEqual([command.key, expect.any(Number)]);
          expect([command.key, command.outcome]).toEqual([command.key, 'acknowledged']);
        },
        { timeoutMs: (CLAIM_LEASE_SECONDS + 20) * 1000, intervalMs: 500 },
      );
    }

    const acknowledged = sent.filter(
      (command): command is SentCommand & { response: { id: string } } => command.outcome === 'acknowledged',
    );
    const ids = new Set(acknowledged.map((command) => command.response.id));
    expect(ids.size).toBe(acknowledged.length); // no two keys were given the same unit, and no key made two
    for (const command of acknowledged) {
      const unit = await fetch(`${service.url}/service-units/${command.response.id}`, { headers: office });
      expect([command.key, unit.status]).toEqual([command.key, 200]);
    }
    await eventually(
      async () => {
        const details = (await (await fetch(`${service.url}/health/details`, { headers: operator })).json()) as {
          processors: Array<{ name: string; lag: number; parked: number }>;
        };
        for (const processor of details.processors)
          expect([processor.name, processor.lag, processor.parked]).toEqual([processor.name, 0, 0]);
        const units = (await (await fetch(`${service.url}/views/units?limit=1`, { headers: office })).json()) as {
          total: number;
        };
        expect(units.total).toBe(ids.size); // nothing registered twice, nothing missing
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    await service.stop();
    const { live, rebuilt, events } = await readModelsAgainstRebuild(database.url);
    expect(events).toBeGreaterThanOrEqual(ids.size);
    expect(live).toEqual(rebuilt);
    process.stdout.write(
      `kill -9 ×${KILLS}: ${sent.length} commands sent, ${ids.size} units registered, ${lost.length} sent while the service was down or cut off by a kill, settled by retry, ${refused.length} retried past a claim\n`,
    );
  }, 600_000);
});
