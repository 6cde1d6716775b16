import {
  AppendNotifier,
  NotifyingEventStore,
  ProcessorHost,
  SqlEventStore,
  type Checkpoint,
  type Processor,
  type SqlDatabase,
  type StoredEvent,
} from '..';
import { DATABASES, type OpenedDatabase } from '../../test/databases';
import { newEvent, streamId, waitUntilReadable } from '../../test/events';
import { eventually } from './test-support/counting-projection';

jest.setTimeout(60_000);

/** A processor that keeps, in memory, the batches it was handed. */
function recordingProcessor(name: string, eventTypes?: string[]): Processor & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    name,
    ...(eventTypes ? { eventTypes } : {}),
    batches,
    async handle(events: readonly StoredEvent[]) {
      batches.push(events.map((event) => event.eventId));
    },
  };
}

/** The database, counting the transactions run through it. */
function countingTransactions(db: SqlDatabase): { db: SqlDatabase; transactions: () => number } {
  let count = 0;
  const counted: SqlDatabase = {
    dialect: db.dialect,
    query: (sql, params, options) => db.query(sql, params, options),
    transaction: (work) => {
      count += 1;
      return db.transaction(work);
    },
    ping: () => db.ping(),
    close: () => db.close(),
  };
  return { db: counted, transactions: () => count };
}

/**
 * How a live runner batches the log under a stream of appends: it starts a batch no sooner than
 * the minimum interval after the previous one that read all there was, and a batch it selects
 * nothing of costs no transaction until the stretch is recorded once.
 */
describe.each(DATABASES)('processor batching on $name', (kind) => {
  let opened: OpenedDatabase;
  /** Appends through it wake the host's runner, as the service's do. */
  let store: NotifyingEventStore;
  let notifier: AppendNotifier;
  const hosts: ProcessorHost[] = [];

  beforeEach(async () => {
    opened = await kind.open();
    notifier = new AppendNotifier();
    store = new NotifyingEventStore(new SqlEventStore(opened.db), notifier);
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
    await opened?.dispose();
  });

  function host(db: SqlDatabase, processor: Processor, minBatchIntervalMs: number): ProcessorHost {
    const created = new ProcessorHost({
      db,
      store,
      processors: [processor],
      notifier,
      pollIntervalMs: 200,
      leaseRetryMs: 100,
      minBatchIntervalMs,
      ...(kind.name === 'postgres' ? { leaseUrl: opened.url } : {}),
    });
    hosts.push(created);
    return created;
  }

  async function checkpointOf(name: string): Promise<Checkpoint | null> {
    const [row] = await opened.db.query<{ checkpoint: Checkpoint | null }>(
      'SELECT checkpoint FROM processor_checkpoints WHERE name = $1',
      [name],
    );
    return row?.checkpoint ?? null;
  }

  it('reads a stream of appends in a few batches, each event once and in order, when they arrive within the interval', async () => {
    const processor = recordingProcessor('batched');
    host(opened.db, processor, 3_000).start();
    const first = newEvent();
    await store.append(streamId('first'), [first], 'no_stream');
    await eventually('the first event is handled at once', async () => processor.batches.length === 1);

    // 30 commands, one after another, while the runner waits out its interval.
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const event = newEvent();
      ids.push(event.eventId);
      await store.append(streamId('unit'), [event], 'no_stream');
    }
    await eventually('every event is handled', async () => processor.batches.flat().length === 31);

    expect(processor.batches[0]).toEqual([first.eventId]);
    expect(processor.batches.flat()).toEqual([first.eventId, ...ids]);
    // One batch per 3-second interval: 30 appends take far less than that, so one or two more.
    expect(processor.batches.length).toBeLessThanOrEqual(3);
  });

  it('skips a stretch it selects nothing of without a transaction per batch, records it once idle, and handles what it selects', async () => {
    const counting = countingTransactions(opened.db);
    const processor = recordingProcessor('picky', ['Wanted']);
    const running = host(counting.db, processor, 0);
    running.start();
    await eventually('the runner is active', async () => (await running.runner('picky').status()).state === 'active');
    const before = counting.transactions();

    let last: Checkpoint | null = null;
    for (let i = 0; i < 20; i += 1) {
      last = (await store.append(streamId('other'), [newEvent({ type: 'Unwanted' })], 'no_stream')).lastCheckpoint;
      await new Promise((resolve) => setTimeout(resolve, 15)); // a batch of its own, most of the time: no interval
    }
    const head = await waitUntilReadable(store, last as Checkpoint);
    await eventually('the skipped stretch is recorded', async () => (await checkpointOf('picky')) === head);
    expect(processor.batches).toEqual([]);
    // About 20 batches of skipped events: recorded once the log was quiet for a whole wait
    // (200 ms), which a pause of the machine between two appends could also make happen.
    expect(counting.transactions() - before).toBeLessThan(6);
    expect(await running.runner('picky').status()).toMatchObject({ lag: 0, parked: 0 });

    const wanted = newEvent({ type: 'Wanted' });
    const appended = await store.append(streamId('wanted'), [wanted], 'no_stream');
    const newHead = await waitUntilReadable(store, appended.lastCheckpoint);
    await eventually(
      'the selected event is handled and recorded',
      async () => (await checkpointOf('picky')) === newHead,
    );
    expect(processor.batches).toEqual([[wanted.eventId]]);
  });
});
