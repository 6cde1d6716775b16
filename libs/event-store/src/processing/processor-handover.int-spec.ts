import { Client } from 'pg';
import {
  advisoryLockKey,
  openSqlDatabase,
  ProcessorHost,
  SqlEventStore,
  type ProcessorHostOptions,
  type TypeOrmSqlDatabase,
} from '..';
import { POSTGRES, type OpenedDatabase } from '../../test/databases';
import { newEvents, settledHead, streamId, waitUntilReadable } from '../../test/events';
import {
  appendConcurrently,
  countingProjection,
  createCountingTables,
  eventually,
  expectedRows,
  handledCount,
  handledTwice,
  readCounts,
} from './test-support/counting-projection';
import { Gate, gatedPublisher } from './test-support/gated-publisher';

jest.setTimeout(90_000);

/**
 * A rebuild beside a running service on PostgreSQL: two hosts of one processor, each with its own
 * connection pool and lease connections, as the service and `npm run rebuild` have. The service's
 * host runs the processor; the other only rebuilds it.
 */
describe('Hand-over of a processor to a rebuild on postgres', () => {
  let opened: OpenedDatabase;
  let rebuilderDb: TypeOrmSqlDatabase;
  let store: SqlEventStore;
  const hosts: ProcessorHost[] = [];

  beforeEach(async () => {
    opened = await POSTGRES.open();
    rebuilderDb = await openSqlDatabase({ url: opened.url, poolSize: 3 });
    store = new SqlEventStore(opened.db);
    await createCountingTables(opened.db, 'shared');
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
    await rebuilderDb?.close();
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
  const checkpoint = async (): Promise<string | null> =>
    (
      await opened.db.query<{ checkpoint: string | null }>(
        `SELECT checkpoint FROM processor_checkpoints WHERE name = 'shared'`,
      )
    )[0]?.checkpoint ?? null;
  const openRequests = async (): Promise<number> =>
    Number((await opened.db.query<{ n: string }>('SELECT count(*) AS n FROM processor_handovers'))[0].n);

  async function caughtUp(): Promise<void> {
    const head = await settledHead(store);
    await eventually('the checkpoint reaches the head', async () => (await checkpoint()) === head, 20_000);
  }

  /** Records every state `host` reports until stopped. */
  function watch(host: ProcessorHost): { seen: Set<string>; stop(): Promise<void> } {
    const seen = new Set<string>();
    let watching = true;
    const loop = (async () => {
      while (watching) {
        seen.add(await stateOf(host));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    return { seen, stop: async () => ((watching = false), await loop) };
  }

  it('asks the active instance to hand over; it stands by during the rebuild, takes the processor back after it, and keeps projecting', async () => {
    const service = hostOn(opened.db, 'service');
    service.start();
    await eventually('the service is active', async () => (await stateOf(service)) === 'active');
    const totals = await appendConcurrently(store, {
      writers: 4,
      appendsPerWriter: 10,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    await caughtUp();
    const live = await readCounts(opened.db, 'shared');
    expect(live).toEqual(expect.arrayContaining(expectedRows(totals)));
    const logSize = await store.countAfter(null);

    const states = watch(service);
    const requested: string[] = [];
    const rebuilder = hostOn(rebuilderDb, 'rebuild');
    const result = await rebuilder.rebuild('shared', { onHandoverRequested: (name) => requested.push(name) });
    await states.stop();

    expect(requested).toEqual(['shared']);
    expect(result).toMatchObject({ processor: 'shared', events: logSize, handled: logSize, parked: 0 });
    expect(await readCounts(opened.db, 'shared')).toEqual(live);
    expect(await opened.db.query('SELECT DISTINCT instance FROM shared_handled')).toEqual([{ instance: 'rebuild' }]);
    expect(await handledTwice(opened.db, 'shared')).toEqual([]);
    expect(states.seen).toContain('standby');
    expect(await openRequests()).toBe(0);
    expect(await stateOf(rebuilder)).toBe('stopped');

    await eventually('the service takes the processor back', async () => (await stateOf(service)) === 'active');
    const more = await appendConcurrently(store, {
      writers: 2,
      appendsPerWriter: 5,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    await caughtUp();
    expect(await handledCount(opened.db, 'shared')).toBe(logSize + more.counted + 1); // and caughtUp's marker
    expect(await handledTwice(opened.db, 'shared')).toEqual([]);
    const [byService] = await opened.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM shared_handled WHERE instance = 'service'`,
    );
    expect(Number(byService.n)).toBe(more.counted + 1);
  });

  it('does not stand by for ever for a rebuild that died: its request lapses and the service takes the processor back', async () => {
    const service = hostOn(opened.db, 'service');
    service.start();
    await eventually('the service is active', async () => (await stateOf(service)) === 'active');
    await caughtUp();

    // What a rebuild leaves behind when it is killed while it waits: a request nobody renews.
    await opened.db.query(
      `INSERT INTO processor_handovers (name, requested_by, requested_at, expires_at) VALUES ('shared', 'rebuild on a host that died', now(), now() + interval '2 seconds')`,
    );
    await eventually('the service stands by', async () => (await stateOf(service)) === 'standby');
    const totals = await appendConcurrently(store, {
      writers: 2,
      appendsPerWriter: 5,
      countedType: 'Counted',
      otherType: 'Counted',
    });

    await eventually(
      'the service takes the processor back once the request lapsed',
      async () => (await stateOf(service)) === 'active',
      20_000,
    );
    await caughtUp();
    expect(await readCounts(opened.db, 'shared')).toEqual(expect.arrayContaining(expectedRows(totals)));
    expect(await handledTwice(opened.db, 'shared')).toEqual([]);
  });

  it('gives up with a clear message when the holder does not hand over, and leaves no request behind', async () => {
    const holder = new Client({ connectionString: opened.url }); // an instance that knows nothing of hand-overs
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [advisoryLockKey('shared')]);
      const rebuilder = hostOn(rebuilderDb, 'rebuild');
      await expect(rebuilder.rebuild('shared', { leaseWaitMs: 1_000 })).rejects.toThrow(
        /still active in another instance .* asked to hand over; .* stop it, then rebuild/,
      );
      expect(await openRequests()).toBe(0);
      expect(await stateOf(rebuilder)).toBe('stopped');
    } finally {
      await holder.end();
    }
  });

  it('gives up a lease it still holds when a request is open as it reloads a checkpoint another instance moved', async () => {
    const events = newEvents(6, { type: 'Published' });
    const head = await waitUntilReadable(
      store,
      (await store.append(streamId('moved'), events, 'no_stream')).lastCheckpoint,
    );
    const stored = (await store.readAll(null, 100)).events;
    const broker = new Gate();
    const relay = gatedPublisher({ name: 'moved-relay', gate: broker, batchSize: 10 });
    const service = new ProcessorHost({
      db: opened.db,
      store,
      processors: [relay.processor],
      pollIntervalMs: 20,
      leaseRetryMs: 100,
    });
    hosts.push(service);
    service.start();
    await eventually('the relay publishes its first batch', async () => relay.waiting() === 1);

    // While it publishes, another instance moves the checkpoint and a rebuild asks for the processor.
    await opened.db.query('UPDATE processor_checkpoints SET checkpoint = $1 WHERE name = $2', [
      stored[2].checkpoint,
      'moved-relay',
    ]);
    await opened.db.query(
      `INSERT INTO processor_handovers (name, requested_by, requested_at, expires_at) VALUES ('moved-relay', 'a rebuild', now(), now() + interval '60 seconds')`,
    );
    broker.open();

    await eventually(
      'the service gives the lease up',
      async () => (await leaseHolderPid('moved-relay')) === null,
      5_000,
    );
    expect(await stateOf(service)).toBe('standby');

    await opened.db.query(`DELETE FROM processor_handovers WHERE name = 'moved-relay'`);
    await eventually(
      'the service takes the processor back and reaches the head',
      async () => (await service.statuses())[0].checkpoint === head,
    );
    expect(relay.deliveries.map((batch) => batch.map((event) => event.eventId))).toEqual([
      stored.map((event) => event.eventId),
      stored.slice(3).map((event) => event.eventId),
    ]);
  });

  async function leaseHolderPid(name: string): Promise<number | null> {
    const unsigned = BigInt.asUintN(64, BigInt(advisoryLockKey(name)));
    const [row] = await opened.db.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 1`,
      [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()],
    );
    return row ? Number(row.pid) : null;
  }
});
