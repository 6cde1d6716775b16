import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { ProcessorHostService } from '../apps/api/src/processing/processor-host.provider';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/app';
import { eventually } from './support/eventually';

/**
 * `npm run rebuild` in a process of its own beside the running service on PostgreSQL, as the
 * README describes it: the rebuild asks the service to hand the projection over, the service
 * stands by meanwhile and keeps accepting commands, takes the projection back when the rebuild
 * ends, and goes on projecting.
 */
const ROOT = join(__dirname, '..');
const UNITS = 'projection:units';

describe('rebuilding a projection beside the running service (PostgreSQL)', () => {
  let t: TestApp;
  let sequence = 0;
  const office = () => t.as('li.office', 'reform_office');

  beforeAll(async () => {
    t = await startTestApp('postgres');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function registerUnit(withPlan: boolean): Promise<string> {
    sequence += 1;
    const unit = await t.http
      .post('/service-units')
      .set(office())
      .send({
        agency: `Agency ${sequence % 3}`,
        name: `Unit ${sequence}`,
        category: sequence % 2 === 0 ? 'canteen' : 'cleaning',
        establishmentHeadcount: 1 + (sequence % 9),
        annualCostBaseline: { amountMinor: 1_000_000 * sequence },
        assets: [],
      })
      .expect(201);
    if (withPlan) {
      await t.http
        .post(`/service-units/${unit.body.id}/plan`)
        .set(office())
        .send({
          mode: 'outsource',
          managementFunctionsKept: ['oversight'],
          rationale: 'Contract the service',
          targetAnnualCost: { amountMinor: 900_000 * sequence },
          targetDate: '2027-06-30',
        })
        .expect(201);
    }
    return unit.body.id as string;
  }

  async function unitRows(): Promise<Array<Record<string, unknown>>> {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      return (await client.query('SELECT * FROM units ORDER BY unit_id')).rows;
    } finally {
      await client.end();
    }
  }

  const viewTotal = async (): Promise<number> =>
    (await t.http.get('/views/units').query({ limit: 1 }).set(office()).expect(200)).body.total as number;
  const units = () => t.app.get(ProcessorHostService).host.runner(UNITS);

  it('hands the projection over to `npm run rebuild` and takes it back afterwards', async () => {
    for (let i = 0; i < 12; i += 1) await registerUnit(i % 2 === 0);
    await eventually(async () => expect(await viewTotal()).toBe(12), { timeoutMs: 20_000 });
    const before = await unitRows();
    expect((await units().status()).state).toBe('active');

    const seen = new Set<string>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        seen.add((await units().status()).state);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const child = spawn('npm', ['run', '-s', 'rebuild', '--', UNITS], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.databaseUrl, JWT_SECRET: TEST_JWT_SECRET, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // The service keeps accepting commands while the rebuild runs.
    let running = true;
    void exited.then(() => (running = false));
    let duringRebuild = 0;
    while (running && duringRebuild < 5) {
      await registerUnit(false);
      duringRebuild += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const code = await exited;
    watching = false;
    await watcher;

    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stderr).toContain(`${UNITS}: active in a running instance; asked it to hand over`);
    expect(stdout).toMatch(new RegExp(`${UNITS}: \\d+ events in`));
    expect(seen).toContain('standby');

    await eventually(async () => expect((await units().status()).state).toBe('active'), { timeoutMs: 20_000 });
    for (let i = 0; i < 3; i += 1) await registerUnit(true);
    await eventually(async () => expect(await viewTotal()).toBe(12 + duringRebuild + 3), { timeoutMs: 20_000 });
    await eventually(async () => expect(await units().status()).toMatchObject({ state: 'active', lag: 0, parked: 0 }));

    // The rows from before are as they were, and the whole view equals another rebuild from the log.
    const after = await unitRows();
    expect(after.filter((row) => before.some((old) => old.unit_id === row.unit_id))).toEqual(before);
    await t.app.get(ProcessorHostService).host.rebuild(UNITS);
    expect(await unitRows()).toEqual(after);
  }, 180_000);
});
