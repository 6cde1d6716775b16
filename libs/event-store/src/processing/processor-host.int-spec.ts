import { randomUUID } from 'node:crypto';
import {
  AppendNotifier,
  NotifyingEventStore,
  ProcessorHost,
  SqlEventStore,
  type Checkpoint,
  type EventStore,
  type Processor,
  type ProcessorHostOptions,
  type SqlDatabase,
  type StoredEvent,
  type ProcessorLease,
} from '..';
import { DATABASES, POSTGRES, type OpenedDatabase } from '../../test/databases';
import { HeldTransaction } from '../../test/held-transaction';
import { newEvent, settledHead, streamId, waitUntilReadable } from '../../test/events';
import {
  appendConcurrently,
  countingProjection,
  createCountingTables,
  eventually,
  expectedRows,
  handledCount,
  handledTwice,
  readCounts,
  delay,
} from './test-support/counting-projection';

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

const FAST = { pollIntervalMs: 20, leaseRetryMs: 100, retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 } };

describe.each(DATABASES)('ProcessorHost on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: EventStore;
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

  function host(options: Omit<ProcessorHostOptions, 'db' | 'store'>): ProcessorHost {
    const created = new ProcessorHost({ db: opened.db, store, notifier, ...FAST, ...options });
    hosts.push(created);
    return created;
  }

  async function checkpointOf(name: string): Promise<string | null> {
    const [row] = await opened.db.query<{ checkpoint: string | null }>(
      'SELECT checkpoint FROM processor_checkpoints WHERE name = $1',
      [name],
    );
    return row?.checkpoint ?? null;
  }

  it('counts the events of concurrent writers exactly once, skips other types, and saves the checkpoint', async () => {
    await createCountingTables(opened.db, 'tally');
    const running = host({
      processors: [countingProjection({ name: 'tally', table: 'tally', eventTypes: ['Counted'], batchSize: 7 })],
    });
    running.start();

    const totals = await appendConcurrently(store, {
      writers: 8,
      appendsPerWriter: 12,
      countedType: 'Counted',
      otherType: 'Ignored',
    });
    const head = await settledHead(store); // a Marker event the projection skips: the checkpoint still reaches it

    await eventually('the checkpoint reaches the head', async () => (await checkpointOf('tally')) === head);
    expect(totals.counted).toBeGreaterThan(100);
    expect(await readCounts(opened.db, 'tally')).toEqual(expectedRows(totals));
    expect(await handledCount(opened.db, 'tally')).toBe(totals.counted);
    expect(await handledTwice(opened.db, 'tally')).toEqual([]);
    const [status] = await running.statuses();
    expect(status).toMatchObject({
      name: 'tally',
      state: 'active',
      checkpoint: head,
      lag: 0,
      parked: 0,
      lastError: null,
    });
    expect(Date.parse(status.lastProgressAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    await running.stop();
    expect((await running.statuses())[0].state).toBe('stopped');
  });

  it('is woken by an append in this process instead of waiting for its poll', async () => {
    await createCountingTables(opened.db, 'woken');
    let reads = 0;
    const spied: EventStore = Object.create(store, {
      readAll: { value: (...args: Parameters<EventStore['readAll']>) => ((reads += 1), store.readAll(...args)) },
    });
    const running = new ProcessorHost({
      db: opened.db,
      store: spied,
      notifier,
      ...FAST,
      pollIntervalMs: 60_000,
      processors: [countingProjection({ name: 'woken', table: 'woken' })],
    });
    hosts.push(running);
    running.start();
    await eventually(
      'the processor has read and gone idle',
      async () => reads >= 1 && (await running.statuses())[0].state === 'active',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const readsBefore = reads;

    await store.append(`woken-${randomUUID()}`, [counted(1)], 'no_stream');

    // The poll is a minute away: only the append's notification can cause this read.
    await eventually('the processor reads again', async () => reads > readsBefore, 2_000);
    if (kind.name === 'sqlite')
      await eventually('the event is counted', async () => (await handledCount(opened.db, 'woken')) === 1, 2_000);
  });

  it('keeps neither the writes nor the checkpoint of a batch that failed after writing, and counts exactly after a restart', async () => {
    await createCountingTables(opened.db, 'crashy');
    let crashes = 0;
    const crashing = countingProjection({
      name: 'crashy',
      table: 'crashy',
      afterWrites: async () => {
        if (crashes > 0) return;
        crashes += 1;
        throw new Error('simulated crash after writing');
      },
    });
    // The retry after the failure would come only after a minute: the test "crashes" the host before.
    const first = host({ processors: [crashing], retry: { attempts: 3, initialDelayMs: 60_000 } });
    first.start();
    const totals = await appendConcurrently(store, {
      writers: 4,
      appendsPerWriter: 5,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    await eventually('the handler has failed once', async () => crashes === 1);

    expect(await handledCount(opened.db, 'crashy')).toBe(0);
    expect(await readCounts(opened.db, 'crashy')).toEqual([]);
    expect(await checkpointOf('crashy')).toBeNull();
    const stopping = Date.now();
    await first.stop(); // ends the wait for the retry: nothing is committed, nothing parked
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(await handledCount(opened.db, 'crashy')).toBe(0);

    const second = host({ processors: [crashing] });
    second.start();
    await eventually('every event is counted', async () => (await handledCount(opened.db, 'crashy')) >= totals.counted);
    const head = await store.headCheckpoint();
    await eventually('the checkpoint reaches the head', async () => (await checkpointOf('crashy')) === head);
    expect(await handledCount(opened.db, 'crashy')).toBe(totals.counted);
    expect(await handledTwice(opened.db, 'crashy')).toEqual([]);
    expect(await readCounts(opened.db, 'crashy')).toEqual(expectedRows(totals));
    expect((await second.statuses())[0]).toMatchObject({ parked: 0, lag: 0 });
  });

  it('retries a batch that fails for a while, without parking anything', async () => {
    await createCountingTables(opened.db, 'flaky');
    let failures = 0;
    const flaky = countingProjection({
      name: 'flaky',
      table: 'flaky',
      afterWrites: async () => {
        if (failures >= 2) return;
        failures += 1;
        throw new Error('deadlock detected (pretend)');
      },
    });
    const running = host({ processors: [flaky] });
    running.start();
    const totals = await appendConcurrently(store, {
      writers: 2,
      appendsPerWriter: 5,
      countedType: 'Counted',
      otherType: 'Counted',
    });

    await eventually('every event is counted', async () => (await handledCount(opened.db, 'flaky')) === totals.counted);
    expect(failures).toBe(2);
    expect((await running.statuses())[0]).toMatchObject({ parked: 0 });
    expect(await handledTwice(opened.db, 'flaky')).toEqual([]);
  });

  it('parks a poison event with its error, processes the events after it, and leaves other processors alone', async () => {
    await createCountingTables(opened.db, 'healthy');
    await createCountingTables(opened.db, 'poisoned');
    const poison = randomUUID();
    const running = host({
      processors: [
        countingProjection({ name: 'healthy', table: 'healthy' }),
        countingProjection({
          name: 'poisoned',
          table: 'poisoned',
          batchSize: 10,
          failOn: (event) => (event.eventId === poison ? new Error(`cannot handle ${event.eventId}`) : null),
        }),
      ],
    });
    running.start();

    const stream = `poison-${randomUUID()}`;
    const before = Array.from({ length: 15 }, (_, i) => counted(i));
    const after = Array.from({ length: 15 }, (_, i) => counted(100 + i));
    await store.append(stream, before, 'no_stream');
    await store.append(stream, [{ ...counted(50), eventId: poison }], 15);
    await store.append(stream, after, 16);
    const head = await settledHead(store);

    await eventually(
      'both processors reach the head',
      async () => (await checkpointOf('poisoned')) === head && (await checkpointOf('healthy')) === head,
    );
    const [healthy, poisoned] = await running.statuses();
    expect(healthy).toMatchObject({ name: 'healthy', parked: 0, lastError: null, lag: 0 });
    expect(poisoned).toMatchObject({ name: 'poisoned', parked: 1, lag: 0, state: 'active' });
    expect(poisoned.lastError).toContain(`cannot handle ${poison}`);

    const parked = await running.parked('poisoned');
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ processor: 'poisoned', eventId: poison, eventType: 'Counted', attempts: 3 });
    expect(parked[0].error).toContain(`cannot handle ${poison}`);

    expect(await handledCount(opened.db, 'healthy')).toBe(31 + 1); // and the marker
    expect(await handledCount(opened.db, 'poisoned')).toBe(30 + 1);
    const handledIds = await opened.db.query<{ event_id: string }>('SELECT event_id FROM poisoned_handled');
    expect(handledIds.map((row) => row.event_id)).not.toContain(poison);
    expect(handledIds.map((row) => row.event_id)).toEqual(expect.arrayContaining(after.map((event) => event.eventId)));
    expect(await handledTwice(opened.db, 'poisoned')).toEqual([]);
  });

  it('handles every event once even when two instances both believe they hold the lease (the checkpoint fences them)', async () => {
    await createCountingTables(opened.db, 'fenced');
    const alwaysHeld = (): ProcessorLease => ({
      held: true,
      tryAcquire: async () => true,
      release: async () => undefined,
      onLost: () => undefined,
    });
    const warnings: string[] = [];
    const logger = { log: () => undefined, warn: (message: string) => warnings.push(message), error: () => undefined };
    const twins = ['x', 'y'].map((instance) =>
      host({
        leases: alwaysHeld,
        logger,
        processors: [countingProjection({ name: 'fenced', table: 'fenced', instance, batchSize: 5 })],
      }),
    );
    twins.forEach((twin) => twin.start());

    const totals = await appendConcurrently(store, {
      writers: 6,
      appendsPerWriter: 10,
      countedType: 'Counted',
      otherType: 'Counted',
    });
    const head = await settledHead(store);

    await eventually('the checkpoint reaches the head', async () => (await checkpointOf('fenced')) === head);
    expect(await handledTwice(opened.db, 'fenced')).toEqual([]);
    expect(await handledCount(opened.db, 'fenced')).toBe(totals.counted + 1);
    expect(await readCounts(opened.db, 'fenced')).toEqual(expect.arrayContaining(expectedRows(totals)));
    expect(warnings.some((warning) => warning.includes('another instance moved it'))).toBe(true); // they did collide
  });

  it('rebuilds a read model equal, row for row, to the live one, reporting progress', async () => {
    await createCountingTables(opened.db, 'rebuilt');
    const running = host({
      processors: [countingProjection({ name: 'rebuilt', table: 'rebuilt', eventTypes: ['Counted'], batchSize: 25 })],
    });
    running.start();
    const totals = await appendConcurrently(store, {
      writers: 6,
      appendsPerWriter: 10,
      countedType: 'Counted',
      otherType: 'Other',
    });
    const head = await settledHead(store);
    await eventually('the live model is current', async () => (await checkpointOf('rebuilt')) === head);
    const live = await readCounts(opened.db, 'rebuilt');
    const liveHandled = await opened.db.query('SELECT * FROM rebuilt_handled ORDER BY global_position');
    expect(live).toEqual(expectedRows(totals));

    const progress: Array<{ done: number; total: number }> = [];
    const result = await running.rebuild('rebuilt', {
      onProgress: ({ done, total }) => progress.push({ done, total }),
    });

    expect(await readCounts(opened.db, 'rebuilt')).toEqual(live);
    expect(await opened.db.query('SELECT * FROM rebuilt_handled ORDER BY global_position')).toEqual(liveHandled);
    const logSize = totals.counted + totals.other + 1;
    expect(result).toMatchObject({
      processor: 'rebuilt',
      events: logSize,
      handled: totals.counted,
      parked: 0,
      checkpoint: head,
    });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(progress[0]).toEqual({ done: 0, total: logSize });
    expect(progress[progress.length - 1]).toEqual({ done: logSize, total: logSize });

    // The live loop resumes after the rebuild.
    await store.append(`after-${randomUUID()}`, [counted(1)], 'no_stream');
    await eventually(
      'the loop counts new events again',
      async () => (await handledCount(opened.db, 'rebuilt')) === totals.counted + 1,
    );
    expect((await running.statuses())[0].state).toBe('active');
  });

  // How a live runner batches a stream of appends: a batch no sooner than the minimum interval
  // after one that read all there was, and no transaction for a batch it selects nothing of.
  it('reads a stream of appends in a few batches, each event once and in order, when they arrive within the interval', async () => {
    const processor = recordingProcessor('batched');
    host({ processors: [processor], pollIntervalMs: 200, minBatchIntervalMs: 3_000 }).start();
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
    const running = new ProcessorHost({
      db: counting.db,
      store,
      notifier,
      ...FAST,
      pollIntervalMs: 200,
      minBatchIntervalMs: 0,
      processors: [processor],
      ...(kind.name === 'postgres' ? { leaseUrl: opened.url } : {}),
    });
    hosts.push(running);
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

describe('ProcessorHost on postgres, behind an open transaction', () => {
  let opened: OpenedDatabase;
  let running: ProcessorHost | undefined;
  beforeEach(async () => {
    opened = await POSTGRES.open();
  });
  afterEach(async () => {
    await running?.stop();
    await opened?.dispose();
  });

  it('looks again soon for an event appended here that an older open transaction hides, not at its next poll', async () => {
    await createCountingTables(opened.db, 'hidden');
    const notifier = new AppendNotifier();
    const store = new NotifyingEventStore(new SqlEventStore(opened.db), notifier);
    let reads = 0;
    const spied: EventStore = Object.create(store, {
      readAll: { value: (...args: Parameters<EventStore['readAll']>) => ((reads += 1), store.readAll(...args)) },
    });
    running = new ProcessorHost({
      db: opened.db,
      store: spied,
      notifier,
      ...FAST,
      pollIntervalMs: 600_000,
      processors: [countingProjection({ name: 'hidden', table: 'hidden' })],
    });
    running.start();
    await eventually(
      'the processor has read and gone idle',
      async () => reads >= 1 && (await running?.statuses())?.[0].state === 'active',
    );

    const older = await HeldTransaction.begin(opened.url);
    await new SqlEventStore(older).append(`older-${randomUUID()}`, [counted(1)], 'no_stream'); // drawn now, committed later, tells nobody
    await store.append(`here-${randomUUID()}`, [counted(2)], 'no_stream'); // committed, and wakes the processor
    await eventually('the processor read after the append', async () => reads >= 2);
    await delay(200);
    expect(await handledCount(opened.db, 'hidden')).toBe(0); // hidden behind the open transaction
    await older.commit();

    // The next poll is ten minutes away: only the processor's own looking again finds them now.
    await eventually('both events are counted', async () => (await handledCount(opened.db, 'hidden')) === 2, 10_000);
  });
});

const META = { actor: 'user:alice', correlationId: 'corr-1', occurredAt: '2024-11-20T10:00:00.000Z' };

function counted(amount: number) {
  return { eventId: randomUUID(), type: 'Counted', schemaVersion: 1, data: { amount }, metadata: META };
}
