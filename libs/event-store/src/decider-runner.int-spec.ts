import type { Decider } from '@spinout/decider';
import { ConcurrencyError, runCommand, SqlEventStore } from '.';
import { DATABASES, type OpenedDatabase } from '../test/databases';
import { METADATA, streamId } from '../test/events';

/** A toy aggregate: a counter that can be raised and closed. */
type CounterCommand = { type: 'Raise'; data: { by: number } } | { type: 'Close'; data: Record<string, never> };
type CounterEvent =
  { type: 'CounterRaised'; data: { by: number } } | { type: 'CounterClosed'; data: Record<string, never> };
interface CounterState {
  total: number;
  closed: boolean;
}

const counter: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { total: 0, closed: false },
  eventTypes: ['CounterRaised', 'CounterClosed'],
  evolve: (state, event) => {
    switch (event.type) {
      case 'CounterRaised':
        return { ...state, total: state.total + event.data.by };
      case 'CounterClosed':
        return { ...state, closed: true };
    }
  },
  decide: (command, state): CounterEvent[] => {
    if (state.closed) throw new Error('counter is closed');
    switch (command.type) {
      case 'Raise':
        return command.data.by === 0 ? [] : [{ type: 'CounterRaised', data: { by: command.data.by } }];
      case 'Close':
        return [
          { type: 'CounterRaised', data: { by: 0 } },
          { type: 'CounterClosed', data: {} },
        ];
    }
  },
};

const raise = (by: number): CounterCommand => ({ type: 'Raise', data: { by } });

describe.each(DATABASES)('runCommand on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  const run = (
    stream: string,
    command: CounterCommand,
    extra: { expectedVersion?: number; eventIds?: (i: number) => string; newStream?: boolean } = {},
  ) => runCommand({ store, decider: counter, streamId: stream, command, metadata: METADATA, ...extra });

  beforeAll(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('reads, folds, decides and appends, returning the new version and state', async () => {
    const stream = streamId('counter');
    expect(await run(stream, raise(2))).toMatchObject({
      version: 1,
      state: { total: 2, closed: false },
      appended: true,
    });

    const closed = await run(stream, { type: 'Close', data: {} }, { expectedVersion: 1 });

    expect(closed).toMatchObject({ version: 3, state: { total: 2, closed: true }, appended: true });
    expect(closed.events.map((e) => [e.type, e.schemaVersion, e.metadata])).toEqual([
      ['CounterRaised', 1, METADATA],
      ['CounterClosed', 1, METADATA],
    ]);
    expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([
      expect.any(String),
      ...closed.events.map((e) => e.eventId),
    ]);
  });

  it('on a stream the caller has just drawn the id of, decides on the initial state without reading it', async () => {
    const stream = streamId('counter');
    const read = jest.spyOn(store, 'readStream');
    try {
      expect(await run(stream, raise(4), { newStream: true })).toMatchObject({
        version: 1,
        state: { total: 4 },
        appended: true,
      });
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
    expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{ by: 4 }]);
  });

  it('on a stream taken to be new that exists after all, reads it and decides again on what is there', async () => {
    const stream = streamId('counter');
    await run(stream, raise(1));
    expect(await run(stream, raise(2), { newStream: true })).toMatchObject({
      version: 2,
      state: { total: 3 },
      appended: true,
    });

    await run(stream, { type: 'Close', data: {} });
    await expect(run(stream, raise(1), { newStream: true })).rejects.toThrow('counter is closed');
    expect(await store.readStream(stream)).toHaveLength(4);
  });

  it('fails with ConcurrencyError when If-Match does not name the current version, without deciding', async () => {
    const stream = streamId('counter');
    await run(stream, raise(1));

    await expect(run(stream, raise(1), { expectedVersion: 0 })).rejects.toEqual(new ConcurrencyError(stream, '0', 1));
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('lets domain errors through', async () => {
    const stream = streamId('counter');
    await run(stream, { type: 'Close', data: {} });
    await expect(run(stream, raise(1))).rejects.toThrow('counter is closed');
  });

  it('appends nothing when the decider decides nothing', async () => {
    const stream = streamId('counter');
    await run(stream, raise(5));

    expect(await run(stream, raise(0))).toEqual({
      version: 1,
      state: { total: 5, closed: false },
      events: [],
      appended: false,
    });
  });

  it('without If-Match, re-reads and decides again when another writer got in between', async () => {
    const stream = streamId('counter');
    const results = await Promise.all([1, 2, 3].map((by) => run(stream, raise(by))));

    expect(results.every((r) => r.appended)).toBe(true);
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3]);
    expect((await run(stream, raise(0))).state.total).toBe(6);
  });

  it('with If-Match, a lost race is the caller’s ConcurrencyError', async () => {
    const stream = streamId('counter');
    await run(stream, raise(1));

    const outcomes = await Promise.allSettled([
      run(stream, raise(1), { expectedVersion: 1 }),
      run(stream, raise(1), { expectedVersion: 1 }),
    ]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')?.reason).toBeInstanceOf(
      ConcurrencyError,
    );
  });

  it('with deterministic event ids a repeated command stores nothing new', async () => {
    const stream = streamId('counter');
    const eventIds = (i: number) => `${stream}-message-7-${i}`;
    const first = await run(stream, raise(3), { eventIds });

    const again = await run(stream, raise(3), { eventIds });

    expect(first).toMatchObject({ version: 1, appended: true });
    expect(again).toMatchObject({ version: 1, appended: false, state: { total: 3 } });
    expect(again.events.map((e) => e.eventId)).toEqual([eventIds(0)]);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('writes the schema version schemaVersionOf gives', async () => {
    const stream = streamId('counter');
    await runCommand({
      store,
      decider: counter,
      streamId: stream,
      command: raise(1),
      metadata: METADATA,
      schemaVersionOf: () => 4,
    });
    expect((await store.readStream(stream))[0].schemaVersion).toBe(4);
  });
});
