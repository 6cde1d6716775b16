import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  advisoryLockKey,
  openSqlDatabase,
  ProcessorHost,
  SqlEventStore,
  type ProcessorHostOptions,
  type TypeOrmSqlDatabase,
} from '..';
import { POSTGRES, type OpenedDatabase } from '../../test/databases';
import { settledHead } from '../../test/events';
import {
  appendConcurrently,
  countingProjection,
  createCountingTables,
  delay,
  eventually,
  handledCount,
  handledTwice,
} from './test-support/counting-projection';

jest.setTimeout(90_000);

/**
 * Two hosts of the same processor against one PostgreSQL database, each with its own
 * `SqlDatabase` and lease connections, as two processes would have.
 */
describe('Processor lease on postgres', () => {
  let opened: OpenedDatabase;
  let otherDb: TypeOrmSqlDatabase;
  let store: SqlEventStore;
  const hosts: ProcessorHost[] = [];

  beforeEach(async () => {
    opened = await POSTGRES.open();
    otherDb = await openSqlDatabase({ url: opened.url });
    store = new SqlEventStore(opened.db);
    await createCountingTables(opened.db, 'shared');
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
    await otherDb?.close();
    await opened?.dispose();
  });

  function hostOn(
    db: TypeOrmSqlDatabase,
    instance: string,
    options: Partial<ProcessorHostOptions> = {},
  ): ProcessorHost {
    const processor = countingProjection({ name: 'shared', table: 'shared', instance, batchSize: 10 });
    const host = new ProcessorHost({
      db,
      store: new SqlEventStore(db),
      processors: [processor],
      pollIntervalMs: 20,
      leaseRetryMs: 100,
      ...options,
    });
    hosts.push(host);
    return host;
  }

  const stateOf = async (host: ProcessorHost): Promise<string> => (await host.statuses())[0].state;

  async function leaseHolderPid(): Promise<number | null> {
    const key = BigInt(advisoryLockKey('shared'));
    const unsigned = BigInt.asUintN(64, key);
    const [row] = await opened.db.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 1`,
      [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()],
    );
    return row ? Number(row.pid) : null;
  }

  async function caughtUp(expected: number): Promise<void> {
    await eventually(
      `${expected} events are handled`,
      async () => (await handledCount(opened.db, 'shared')) >= expected,
      20_000,
    );
    const head = await settledHead(store);
    await eventually('the checkpoint reaches the head', async () => (await host0Checkpoint()) === head, 20_000);
  }

  async function host0Checkpoint(): Promise<string | null> {
    const [row] = await opened.db.query<{ checkpoint: string | null }>(
      `SELECT checkpoint FROM processor_checkpoints WHERE name = 'shared'`,
    );
    return row?.checkpoint ?? null;
  }

  it('runs the processor in exactly one host, and the standby takes over from the checkpoint when the active one stops', async () => {
    const a = hostOn(opened.db, 'a');
    const b = hostOn(otherDb, 'b');
    a.start();
    await eventually('a is active', async () => (await stateOf(a)) === 'active');
    b.start();
    await delay(500); // several lease tries of b
    expect([await stateOf(a), await stateOf(b)]).toEqual(['active', 'standby']);
    expect(await leaseHolderPid()).not.toBeNull();

    const first = await appendConcurrently([store, new SqlEventStore(otherDb)], {
      writers: 6,
      appendsPerWriter: 10,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    await caughtUp(first.counted);
    expect(await opened.db.query(`SELECT DISTINCT instance FROM shared_handled`)).toEqual([{ instance: 'a' }]);

    await a.stop();
    const stoppedAt = Date.now();
    await eventually('b takes over', async () => (await stateOf(b)) === 'active', 5_000);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);

    const second = await appendConcurrently(store, {
      writers: 4,
      appendsPerWriter: 5,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    await caughtUp(first.counted + second.counted + 1);
    expect(await handledTwice(opened.db, 'shared')).toEqual([]);
    const byInstance = await opened.db.query<{ instance: string; count: string }>(
      'SELECT instance, count(*) AS count FROM shared_handled GROUP BY instance ORDER BY instance',
    );
    expect(byInstance.map((row) => [row.instance, Number(row.count)])).toEqual([
      ['a', first.counted + 1], // and a's marker from caughtUp
      ['b', second.counted + 1],
    ]);
  });

  it('stops processing and stands by when its lease connection is killed; the standby takes over', async () => {
    const a = hostOn(opened.db, 'a', { leaseRetryMs: 10_000 }); // so that b, not a again, takes the freed lease
    const b = hostOn(otherDb, 'b');
    a.start();
    await eventually('a is active', async () => (await stateOf(a)) === 'active');
    b.start();
    const first = await appendConcurrently(store, {
      writers: 4,
      appendsPerWriter: 10,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    await caughtUp(first.counted);

    const pid = await leaseHolderPid();
    await opened.db.query('SELECT pg_terminate_backend($1)', [pid]);
    const killedAt = Date.now();
    await eventually('a stands by', async () => (await stateOf(a)) === 'standby', 5_000);
    await eventually('b takes over', async () => (await stateOf(b)) === 'active', 5_000);
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect((await a.statuses())[0].lastError).toMatch(/Lease lost/);

    const second = await appendConcurrently(store, {
      writers: 4,
      appendsPerWriter: 10,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    await caughtUp(first.counted + second.counted + 1);
    expect(await handledTwice(opened.db, 'shared')).toEqual([]);
    const [byB] = await opened.db.query<{ count: string }>(
      `SELECT count(*) AS count FROM shared_handled WHERE instance = 'b'`,
    );
    expect(Number(byB.count)).toBe(second.counted + 1);
    expect([await stateOf(a), await stateOf(b)]).toEqual(['standby', 'active']);
  });

  describe('across OS processes', () => {
    let child: ChildProcess | null = null;
    afterEach(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child = null;
    });

    it('takes over from a process killed with SIGKILL in the middle of its batches, without double counting', async () => {
      const states: string[] = [];
      child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(__dirname, 'test-support', 'host-process.ts')],
        {
          cwd: join(__dirname, '..', '..', '..', '..'),
          env: {
            ...process.env,
            DATABASE_URL: opened.url,
            PROCESSOR: 'shared',
            TABLE: 'shared',
            INSTANCE: 'child',
            HOLD_MS: '30',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout?.on('data', (chunk: Buffer) =>
        states.push(
          ...chunk
            .toString()
            .split('\n')
            .filter((line) => line.startsWith('state:')),
        ),
      );
      await eventually(
        `the child process is active (stderr: ${stderr})`,
        async () => states.includes('state:active'),
        30_000,
      );

      const b = hostOn(otherDb, 'b');
      b.start();
      await delay(300);
      expect(await stateOf(b)).toBe('standby');

      const totals = await appendConcurrently(store, {
        writers: 6,
        appendsPerWriter: 15,
        countedType: 'Counted',
        otherType: 'Counted',
      });
      await eventually(
        'the child has handled some events',
        async () => (await handledCount(opened.db, 'shared')) >= 20,
        20_000,
      );
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();

      await eventually('b takes over', async () => (await stateOf(b)) === 'active', 5_000);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      await caughtUp(totals.counted);
      expect(await handledCount(opened.db, 'shared')).toBe(totals.counted + 1); // and caughtUp's marker
      expect(await handledTwice(opened.db, 'shared')).toEqual([]);
      const byInstance = await opened.db.query<{ instance: string }>(
        'SELECT DISTINCT instance FROM shared_handled ORDER BY instance',
      );
      expect(byInstance.map((row) => row.instance)).toEqual(['b', 'child']);
    });
  });
});
