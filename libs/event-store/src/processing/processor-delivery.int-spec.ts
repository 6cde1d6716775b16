import {
  advisoryLockKey,
  openSqlDatabase,
  ProcessorHost,
  SqlEventStore,
  type Checkpoint,
  type EventStore,
  type ProcessorHostOptions,
  type SqlDatabase,
  type StoredEvent,
} from '..';
import { DATABASES, POSTGRES, type OpenedDatabase } from '../../test/databases';
import { newEvent, newEvents, settledHead, streamId, waitUntilReadable } from '../../test/events';
import { HeldTransaction } from '../../test/held-transaction';
import {
  countingProjection,
  createCountingTables,
  eventually,
  handledCount,
  handledTwice,
} from './test-support/counting-projection';
import { Gate, gatedPublisher } from './test-support/gated-publisher';

jest.setTimeout(60_000);

const FAST = { pollIntervalMs: 20, leaseRetryMs: 100, retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 } };

/**
 * Processors whose effects are outside the database (`delivery: 'at-least-once'`, the Kafka relay,
 * process managers) are called with no transaction open and record their checkpoint afterwards,
 * in a short transaction that re-checks the lease and the checkpoint.
 */
describe.each(DATABASES)('at-least-once processors on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  /** Another connection pool on PostgreSQL (another process's appends); SQLite's one connection. */
  let writerDb: SqlDatabase;
  let writer: SqlEventStore;
  const hosts: ProcessorHost[] = [];
  const gates: Gate[] = [];

  beforeEach(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
    writerDb = kind.name === 'postgres' ? await openSqlDatabase({ url: opened.url, poolSize: 2 }) : opened.db;
    writer = new SqlEventStore(writerDb);
  });
  afterEach(async () => {
    gates.splice(0).forEach((gate) => gate.open());
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
    if (writerDb !== opened.db) await writerDb.close();
    await opened?.dispose();
  });

  function host(options: Omit<ProcessorHostOptions, 'db' | 'store'>): ProcessorHost {
    const created = new ProcessorHost({ db: opened.db, store, ...FAST, ...options });
    hosts.push(created);
    return created;
  }

  function gate(): Gate {
    const created = new Gate();
    gates.push(created);
    return created;
  }

  async function checkpointOf(name: string): Promise<Checkpoint | null> {
    const [row] = await opened.db.query<{ checkpoint: Checkpoint | null }>(
      'SELECT checkpoint FROM processor_checkpoints WHERE name = $1',
      [name],
    );
    return row?.checkpoint ?? null;
  }

  const statusOf = async (running: ProcessorHost, name: string) => running.runner(name).status();

  it('waits on the outside with no transaction open: appends go on, projections keep up, and its lag shows the stall', async () => {
    await createCountingTables(opened.db, 'units_like');
    const broker = gate();
    const relay = gatedPublisher({ name: 'relay-like', gate: broker });
    const running = host({
      processors: [relay.processor, countingProjection({ name: 'units-like', table: 'units_like' })],
    });
    running.start();

    await writer.append(streamId('first'), [newEvent({ type: 'Counted' })], 'no_stream');
    await eventually('the relay waits for its broker', async () => relay.waiting() === 1);

    // While it waits: 24 commands accepted, from another connection on PostgreSQL, through the same one on SQLite.
    const appends = Promise.all(
      Array.from({ length: 24 }, () => writer.append(streamId('unit'), [newEvent({ type: 'Counted' })], 'no_stream')),
    );
    const appended = await within(15_000, 'the appends complete while the relay waits', appends);
    const last = appended.reduce(
      (max, result) => (result.lastCheckpoint > max ? result.lastCheckpoint : max),
      appended[0].lastCheckpoint,
    );
    const head = await waitUntilReadable(store, last);

    await eventually(
      'the projection reads every event while the relay still waits',
      async () => (await checkpointOf('units-like')) === head,
    );
    expect(await handledCount(opened.db, 'units_like')).toBe(25);
    expect(relay.waiting()).toBe(1);
    expect(await statusOf(running, 'units-like')).toMatchObject({ state: 'active', lag: 0 });
    expect(await statusOf(running, 'relay-like')).toMatchObject({ state: 'active', checkpoint: null, lag: 25 });

    broker.open();
    await eventually(
      'the relay catches up once its broker answers',
      async () => (await checkpointOf('relay-like')) === head,
    );
    expect(await statusOf(running, 'relay-like')).toMatchObject({ lag: 0, parked: 0 });
    const published = relay.deliveries.flat().map((event) => event.eventId);
    expect(new Set(published).size).toBe(25);
    expect(published).toHaveLength(25); // nothing repeated: the lease held and nobody else moved the checkpoint
  });

  it('records nothing when another instance moved the checkpoint while it published, and goes on from where that one got', async () => {
    const events = newEvents(6, { type: 'Published' });
    const { lastCheckpoint } = await store.append(streamId('batch'), events, 'no_stream');
    const head = await waitUntilReadable(store, lastCheckpoint);
    const stored = (await store.readAll(null, 100)).events;
    const broker = gate();
    const relay = gatedPublisher({ name: 'cas-relay', gate: broker, batchSize: 10 });
    const warnings: string[] = [];
    const running = host({
      processors: [relay.processor],
      logger: { log: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    });
    running.start();
    await eventually('the relay publishes its first batch', async () => relay.waiting() === 1);
    expect(relay.deliveries[0].map((event) => event.eventId)).toEqual(stored.map((event) => event.eventId));

    // Another instance, believing itself the holder, published the first three and moved the checkpoint.
    await opened.db.query('UPDATE processor_checkpoints SET checkpoint = $1 WHERE name = $2', [
      stored[2].checkpoint,
      'cas-relay',
    ]);
    broker.open();

    await eventually('the relay reaches the head', async () => (await checkpointOf('cas-relay')) === head);
    expect(relay.deliveries).toHaveLength(2);
    expect(relay.deliveries[1].map((event) => event.eventId)).toEqual(stored.slice(3).map((event) => event.eventId));
    expect(warnings.some((warning) => warning.includes('another instance moved it'))).toBe(true);
  });

  it('parks an event it keeps failing to publish, after retries with no transaction open, and publishes the rest', async () => {
    const poison = newEvent({ type: 'Published' });
    const events = [...newEvents(3, { type: 'Published' }), poison, ...newEvents(3, { type: 'Published' })];
    const { lastCheckpoint } = await store.append(streamId('poison'), events, 'no_stream');
    const head = await waitUntilReadable(store, lastCheckpoint);
    const published: string[] = [];
    const running = host({
      processors: [
        {
          name: 'picky-relay',
          delivery: 'at-least-once',
          async handle(batch: readonly StoredEvent[]) {
            if (batch.some((event) => event.eventId === poison.eventId)) throw new Error('the broker refuses this one');
            published.push(...batch.map((event) => event.eventId));
          },
        },
      ],
    });
    running.start();

    await eventually('the relay reaches the head', async () => (await checkpointOf('picky-relay')) === head);
    expect(published).toEqual(events.filter((event) => event !== poison).map((event) => event.eventId));
    expect((await running.parked('picky-relay')).map((parked) => parked.eventId)).toEqual([poison.eventId]);
    expect(await statusOf(running, 'picky-relay')).toMatchObject({ parked: 1, lag: 0 });
  });
});

describe('at-least-once processors on postgres, around the lease and the visibility horizon', () => {
  let opened: OpenedDatabase;
  let store: EventStore;
  const hosts: ProcessorHost[] = [];
  const gates: Gate[] = [];

  beforeEach(async () => {
    opened = await POSTGRES.open();
    store = new SqlEventStore(opened.db);
  });
  afterEach(async () => {
    gates.splice(0).forEach((gate) => gate.open());
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
    await opened?.dispose();
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

  it('does not move the checkpoint when its lease is lost while it publishes; the batch is published again under the next lease', async () => {
    const events = newEvents(5, { type: 'Published' });
    const { lastCheckpoint } = await store.append(streamId('lease'), events, 'no_stream');
    const head = await waitUntilReadable(store, lastCheckpoint);
    const broker = new Gate();
    gates.push(broker);
    const relay = gatedPublisher({ name: 'leased-relay', gate: broker });
    const running = new ProcessorHost({ db: opened.db, store, processors: [relay.processor], ...FAST });
    hosts.push(running);
    running.start();
    await eventually('the relay publishes its first batch', async () => relay.waiting() === 1);

    await opened.db.query('SELECT pg_terminate_backend($1)', [await leaseHolderPid('leased-relay')]);
    await eventually('the relay notices the lost lease', async () => (await running.statuses())[0].state === 'standby');
    broker.open();

    await eventually(
      'the relay reaches the head under a new lease',
      async () => (await running.statuses())[0].checkpoint === head,
    );
    expect(relay.deliveries).toHaveLength(2);
    expect(relay.deliveries[1].map((event) => event.eventId)).toEqual(
      relay.deliveries[0].map((event) => event.eventId),
    );
    expect((await running.statuses())[0]).toMatchObject({ state: 'active', lag: 0, parked: 0 });
  });

  it('counts in its lag the events an older open transaction still hides from readers', async () => {
    await createCountingTables(opened.db, 'tally');
    const running = new ProcessorHost({
      db: opened.db,
      store,
      processors: [countingProjection({ name: 'tally', table: 'tally' })],
      ...FAST,
    });
    hosts.push(running);
    running.start();
    const head = await settledHead(store);
    await eventually('the projection is current', async () => (await running.statuses())[0].checkpoint === head);

    const older = await HeldTransaction.begin(opened.url);
    try {
      await older.query('SELECT pg_current_xact_id()'); // an open transaction with an id, older than the appends below
      for (let i = 0; i < 7; i += 1)
        await store.append(streamId('hidden'), [newEvent({ type: 'Counted' })], 'no_stream');
      await eventually('the lag counts the hidden events', async () => (await running.statuses())[0].lag === 7);
      expect(await handledCount(opened.db, 'tally')).toBe(1); // the marker: the seven are committed but not readable yet
    } finally {
      await older.rollback();
    }
    await eventually(
      'the projection reads them once the older transaction ends',
      async () => (await running.statuses())[0].lag === 0,
    );
    expect(await handledCount(opened.db, 'tally')).toBe(8);
    expect(await handledTwice(opened.db, 'tally')).toEqual([]);
  });
});

/** Waits for `promise` at most `ms`, failing with `what`: bounds a wait, measures nothing. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting until ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
