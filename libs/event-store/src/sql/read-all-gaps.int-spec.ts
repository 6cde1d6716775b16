import { setTimeout as sleep } from 'node:timers/promises';
import { compareCheckpoints, SqlEventStore, type Checkpoint, type StoredEvent } from '..';
import { POSTGRES, type OpenedDatabase } from '../../test/databases';
import { newEvent, newEvents, settledHead, streamId, waitUntilReadable } from '../../test/events';
import { HeldTransaction } from '../../test/held-transaction';

/**
 * PostgreSQL draws bigserial positions when a row is inserted but makes the row visible when its
 * transaction commits, so positions commit out of order. These tests hold writers' transactions
 * open on purpose and check that readAll neither skips nor repeats an event.
 */
describe('readAll on PostgreSQL with transactions committing out of order', () => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    opened = await POSTGRES.open({ poolSize: 12 });
    store = new SqlEventStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('holds back later events until an earlier open transaction commits, then reads them in transaction order', async () => {
    const start = await settledHead(store);
    const early = await HeldTransaction.begin(opened.url);
    const late = await HeldTransaction.begin(opened.url);
    try {
      await early.query('SELECT pg_current_xact_id()'); // takes the smaller transaction id first…
      const lateAppend = await new SqlEventStore(late).append(streamId(), [newEvent()], 'no_stream');
      const earlyAppend = await new SqlEventStore(early).append(streamId(), [newEvent()], 'no_stream'); // …and the larger position
      const committed = await store.append(streamId(), [newEvent()], 'no_stream');
      expect(position(earlyAppend.lastCheckpoint)).toBeGreaterThan(position(lateAppend.lastCheckpoint));

      await late.commit();
      expect((await store.readAll(start, 10)).events).toEqual([]); // `early` is still open: nothing after it is readable

      await early.commit();
      await waitUntilReadable(store, committed.lastCheckpoint);
      const read = await store.readAll(start, 10);
      expect(read.events.map((e) => e.checkpoint)).toEqual([
        earlyAppend.lastCheckpoint,
        lateAppend.lastCheckpoint,
        committed.lastCheckpoint,
      ]);
    } finally {
      await Promise.allSettled([early.close(), late.close()]);
    }
  });

  it('under concurrent fast and slow writers every committed event is read exactly once, in a stable order', async () => {
    const start = await settledHead(store);
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    let naiveCheckpoint = Number(position(start));
    let stopWriters = false;
    const slowIds = new Set<string>();

    const fastWriter = async (): Promise<void> => {
      for (let i = 0; !stopWriters && i < 500; i += 1) {
        const events = newEvents(1 + (i % 3));
        await store.append(streamId('fast'), events, 'no_stream');
        events.forEach((e) => committed.add(e.eventId));
      }
    };
    // Draws a position, waits until a naive position-ordered reader has passed it, then commits.
    const slowWriter = async (writer: number): Promise<void> => {
      for (let i = 0; i < 5; i += 1) {
        const held = await HeldTransaction.begin(opened.url);
        const events = newEvents(1 + (i % 2), { type: 'SlowThingHappened' });
        const { lastCheckpoint } = await new SqlEventStore(held).append(streamId('slow'), events, 'no_stream');
        const deadline = Date.now() + 2000;
        while (naiveCheckpoint <= position(lastCheckpoint) && Date.now() < deadline) await sleep(2);
        await sleep((writer * 7 + i * 3) % 15);
        events.forEach((e) => slowIds.add(e.eventId));
        if ((writer + i) % 4 === 3) {
          await held.rollback();
          events.forEach((e) => rolledBack.add(e.eventId));
        } else {
          await held.commit();
          events.forEach((e) => committed.add(e.eventId));
        }
      }
    };

    let writersDone = false;
    const read: StoredEvent[] = [];
    const reader = async (): Promise<void> => {
      let checkpoint: Checkpoint | null = start;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const batch = await store.readAll(checkpoint, 7);
        read.push(...batch.events);
        checkpoint = batch.checkpoint;
        if (batch.events.length === 0) {
          if (writersDone && read.length >= committed.size) return;
          await sleep(2);
        }
      }
    };
    // A reader of the slow writers' type only: it goes over the same entries without fetching the rest.
    const typedRead: StoredEvent[] = [];
    const slowCommitted = () => [...committed].filter((id) => slowIds.has(id));
    const typedReader = async (): Promise<void> => {
      let checkpoint: Checkpoint | null = start;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const batch = await store.readAll(checkpoint, 7, ['SlowThingHappened']);
        typedRead.push(...batch.events);
        checkpoint = batch.checkpoint;
        if (batch.scanned === 0) {
          if (writersDone && typedRead.length >= slowCommitted().length) return;
          await sleep(2);
        }
      }
    };
    // What "position > checkpoint" would read: it moves past positions whose transactions are still open.
    const naiveSeen = new Set<string>();
    const naiveReader = async (): Promise<void> => {
      while (!writersDone) {
        const rows = await opened.db.query<{ event_id: string; global_position: string }>(
          'SELECT event_id, global_position FROM events WHERE global_position > $1 ORDER BY global_position LIMIT 7',
          [naiveCheckpoint],
        );
        rows.forEach((row) => naiveSeen.add(row.event_id));
        if (rows.length > 0) naiveCheckpoint = Number(rows[rows.length - 1].global_position);
        else await sleep(1);
      }
    };

    const readers = Promise.all([reader(), typedReader(), naiveReader()]);
    const fast = Promise.all(Array.from({ length: 6 }, () => fastWriter()));
    await Promise.all(Array.from({ length: 4 }, (_, writer) => slowWriter(writer)));
    stopWriters = true;
    await fast;
    writersDone = true;
    await readers;

    const ids = read.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    expect([...committed].filter((id) => !ids.includes(id))).toEqual([]); // nothing skipped
    expect(ids.filter((id) => !committed.has(id))).toEqual([]); // nothing rolled back, nothing foreign
    expect(rolledBack.size).toBeGreaterThan(0);
    for (let i = 1; i < read.length; i += 1)
      expect(compareCheckpoints(read[i - 1].checkpoint, read[i].checkpoint)).toBe(-1);
    const reread = await store.readAll(start, 100_000);
    expect(reread.events.map((e) => e.eventId)).toEqual(ids); // the same order on every read
    expect([...committed].filter((id) => !naiveSeen.has(id)).length).toBeGreaterThan(0); // the scenario really had gaps
    // The typed reader read exactly the committed slow events, once each, in the log's order.
    expect(typedRead.map((e) => e.eventId)).toEqual(ids.filter((id) => slowIds.has(id)));
    expect(typedRead.every((e) => e.type === 'SlowThingHappened')).toBe(true);
    expect(typedRead.length).toBe(slowCommitted().length);
  }, 60_000);
});

function position(checkpoint: Checkpoint | null): number {
  return checkpoint === null ? 0 : Number(checkpoint.split(':')[1]);
}
