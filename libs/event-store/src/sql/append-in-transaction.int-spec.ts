import {
  ConcurrencyError,
  SqlEventStore,
  withAppendTransactionWork,
  type AppendTransactionWork,
  type SqlExecutor,
} from '..';
import { DATABASES, type OpenedDatabase } from '../../test/databases';
import { newEvents, streamId } from '../../test/events';

/** Work that writes a row naming the append it ran with, and counts what it saw and was told. */
function recordingWork(options: { failAfterWrite?: boolean } = {}) {
  const seen: number[] = [];
  let committed = 0;
  let open = true;
  const work: AppendTransactionWork & { seen: number[]; readonly commits: number; close(): void } = {
    seen,
    get commits() {
      return committed;
    },
    get pending() {
      return open && committed === 0;
    },
    close: () => (open = false),
    async run(tx: SqlExecutor, { streamId: stream, result }) {
      const [row] = await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM events WHERE stream_id = $1', [
        stream,
      ]);
      seen.push(Number(row.n));
      await tx.query('INSERT INTO outcomes (stream_id, version) VALUES ($1, $2)', [stream, result.nextExpectedVersion]);
      if (options.failAfterWrite) throw new Error('failed after the append, before the commit');
    },
    committed: () => {
      committed += 1;
    },
  };
  return work;
}

describe.each(DATABASES)('work in the append transaction on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
    await opened.db.query('CREATE TABLE outcomes (stream_id text NOT NULL, version integer NOT NULL)');
  });
  afterAll(() => opened?.dispose());

  const outcomes = async (stream: string) =>
    (
      await opened.db.query<{ version: number | string }>('SELECT version FROM outcomes WHERE stream_id = $1', [stream])
    ).map((row) => Number(row.version));
  const head = async (stream: string) =>
    (await opened.db.query('SELECT stream_version FROM stream_heads WHERE stream_id = $1', [stream])).length;

  it('commits the work with the events: it sees them, and both are stored', async () => {
    const stream = streamId();
    await store.append(stream, newEvents(2), 'no_stream');
    const work = recordingWork();

    const result = await withAppendTransactionWork(work, () => store.append(stream, newEvents(3), 2));

    expect(result).toMatchObject({ nextExpectedVersion: 5, appended: true });
    expect(work.seen).toEqual([5]);
    expect(work.commits).toBe(1);
    expect(await outcomes(stream)).toEqual([5]);
    expect((await store.readStream(stream)).length).toBe(5);
    expect((await store.verify(stream)).ok).toBe(true);
  });

  it('stores neither the events nor the work when the work fails before the commit', async () => {
    const stream = streamId();
    const work = recordingWork({ failAfterWrite: true });

    await expect(
      withAppendTransactionWork(work, () => store.append(stream, newEvents(2), 'no_stream')),
    ).rejects.toThrow(/before the commit/);

    expect(work.seen).toEqual([2]); // the events were written in the transaction…
    expect(work.commits).toBe(0);
    expect(await store.readStream(stream)).toEqual([]); // …and rolled back with the work
    expect(await outcomes(stream)).toEqual([]);
    expect(await head(stream)).toBe(0);
    // The store's idea of the stream is not spoiled by the rolled-back append.
    await expect(store.append(stream, newEvents(1), 'no_stream')).resolves.toMatchObject({ nextExpectedVersion: 1 });
    expect((await store.verify(stream)).ok).toBe(true);
  });

  it('commits large appends with their work too', async () => {
    const stream = streamId();
    const work = recordingWork();
    await withAppendTransactionWork(work, () => store.append(stream, newEvents(700), 'no_stream'));
    expect(await outcomes(stream)).toEqual([700]);
  });

  it('leaves appends alone once the work is no longer pending', async () => {
    const stream = streamId();
    const work = recordingWork();
    await withAppendTransactionWork(work, async () => {
      await store.append(stream, newEvents(1), 'no_stream');
      await store.append(stream, newEvents(1), 1); // after its commit the work is done
      work.close();
      await store.append(stream, newEvents(1), 2);
    });
    expect(work.seen).toEqual([1]);
    expect(await outcomes(stream)).toEqual([1]);
  });

  it('keeps optimistic concurrency: of racing appends with work, one commits and the others roll back theirs', async () => {
    const stream = streamId();
    await store.append(stream, newEvents(1), 'no_stream');
    const works = Array.from({ length: 6 }, () => recordingWork());
    const others = Array.from({ length: 6 }, () => new SqlEventStore(opened.db)); // no shared head cache

    const results = await Promise.allSettled(
      works.map((work, i) => withAppendTransactionWork(work, () => others[i].append(stream, newEvents(1), 1))),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .every((r) => (r as PromiseRejectedResult).reason instanceof ConcurrencyError),
    ).toBe(true);
    expect(works.map((work) => work.commits).sort()).toEqual([0, 0, 0, 0, 0, 1]);
    expect(await outcomes(stream)).toEqual([2]);
    expect((await store.verify(stream)).ok).toBe(true);
  });
});
