import {
  chainHash,
  compareCheckpoints,
  ConcurrencyError,
  EventIdConflictError,
  GENESIS_HASH,
  SqlEventStore,
  Upcasters,
  type Checkpoint,
  type StoredEvent,
} from '..';
import { DATABASES, type OpenedDatabase } from '../../test/databases';
import { METADATA, newEvent, newEvents, settledHead, streamId, waitUntilReadable } from '../../test/events';

describe.each(DATABASES)('SqlEventStore on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  describe('append and readStream', () => {
    it('stores events with versions from 1, and reads them back as written', async () => {
      const stream = streamId();
      const events = newEvents(3);

      const result = await store.append(stream, events, 'no_stream');

      expect(result).toMatchObject({ nextExpectedVersion: 3, appended: true });
      const read = await store.readStream(stream);
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(
        read.map(({ eventId, type, schemaVersion, data, metadata }) => ({
          eventId,
          type,
          schemaVersion,
          data,
          metadata,
        })),
      ).toEqual(events);
      expect(read[2].checkpoint).toBe(result.lastCheckpoint);
      expect(read.every((e) => e.streamId === stream && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
      expect(new Date(read[0].recordedAt).toISOString()).toBe(read[0].recordedAt);
      expect(compareCheckpoints(read[0].checkpoint, read[1].checkpoint)).toBe(-1);
    });

    it('keeps data and metadata exactly, including JSON that is not an object', async () => {
      const stream = streamId();
      const odd = [
        newEvent({ data: 'just a string' }),
        newEvent({ data: [1, 'two', null] }),
        newEvent({ data: 42.5 }),
        newEvent({ data: null }),
      ];
      const extraMetadata = { ...METADATA, reason: 'because', causationId: 'c-9', tenant: { id: 7 } };
      const withMetadata = newEvent({ metadata: extraMetadata });

      await store.append(stream, [...odd, withMetadata], 'any');

      const read = await store.readStream(stream);
      expect(read.map((e) => e.data)).toEqual(['just a string', [1, 'two', null], 42.5, null, withMetadata.data]);
      expect(read[4].metadata).toEqual(extraMetadata);
    });

    it('keeps each event its own metadata when the events of one append differ in it', async () => {
      const stream = streamId();
      const metadatas = [
        { ...METADATA, reason: 'first' },
        METADATA,
        METADATA,
        { ...METADATA, actor: 'user:other' },
        { ...METADATA, reason: 'first' },
      ];
      const events = metadatas.map((metadata) => newEvent({ metadata }));

      await store.append(stream, events, 'no_stream');

      expect((await store.readStream(stream)).map((e) => e.metadata)).toEqual(metadatas);
      expect(await store.verify(stream)).toMatchObject({ ok: true, eventsChecked: 5 });
    });

    it('reads from a given version, and an unknown stream as empty', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(5), 'no_stream');

      expect((await store.readStream(stream, 4)).map((e) => e.streamVersion)).toEqual([4, 5]);
      expect(await store.readStream(streamId())).toEqual([]);
    });

    it('appends a batch larger than one INSERT statement holds', async () => {
      const stream = streamId();
      const events = newEvents(1201);

      expect(await store.append(stream, events, 'no_stream')).toMatchObject({
        nextExpectedVersion: 1201,
        appended: true,
      });
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(await store.verify(stream)).toMatchObject({ ok: true, eventsChecked: 1201 });
    });

    it('continues a stream at the expected version', async () => {
      const stream = streamId();
      const first = await store.append(stream, newEvents(2), 'no_stream');
      const second = await store.append(stream, newEvents(1), first.nextExpectedVersion);

      expect(second.nextExpectedVersion).toBe(3);
      expect(compareCheckpoints(first.lastCheckpoint, second.lastCheckpoint)).toBe(-1);
    });
  });

  describe('expected version', () => {
    it('exact version: a stale writer gets a ConcurrencyError naming the actual version', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(2), 'no_stream');

      const error = await store.append(stream, newEvents(1), 1).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: stream, expected: '1', actual: 2 });
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('no_stream fails on an existing stream; exact 0 means the same', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(1), 0);

      await expect(store.append(stream, newEvents(1), 'no_stream')).rejects.toMatchObject({
        name: 'ConcurrencyError',
        expected: 'no_stream',
        actual: 1,
      });
      await expect(store.append(stream, newEvents(1), 0)).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('stream_exists fails on a missing stream and succeeds on an existing one', async () => {
      const stream = streamId();
      await expect(store.append(stream, newEvents(1), 'stream_exists')).rejects.toMatchObject({
        name: 'ConcurrencyError',
        actual: 0,
      });
      await store.append(stream, newEvents(1), 'any');
      await expect(store.append(stream, newEvents(1), 'stream_exists')).resolves.toMatchObject({
        nextExpectedVersion: 2,
      });
    });

    it('an expected version ahead of the stream is a ConcurrencyError too', async () => {
      await expect(store.append(streamId(), newEvents(1), 5)).rejects.toMatchObject({
        name: 'ConcurrencyError',
        actual: 0,
      });
    });

    it('two stores over one database (each with its own idea of the head) keep one unbroken chain', async () => {
      const stream = streamId();
      const other = new SqlEventStore(opened.db);
      await store.append(stream, newEvents(2), 'no_stream');
      await store.readStream(stream); // `store` now knows version 2

      await other.append(stream, newEvents(1), 2); // `other` never saw the stream
      await other.append(stream, newEvents(1), 'any');
      await store.append(stream, newEvents(2), 'any'); // `store` still believes version 2
      await expect(store.append(stream, newEvents(1), 2)).rejects.toMatchObject({
        name: 'ConcurrencyError',
        actual: 6,
      });
      await store.append(stream, newEvents(1), 6);

      expect((await other.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await store.verify(stream)).toMatchObject({ ok: true, eventsChecked: 7 });
    });

    it('an empty append checks the expectation and stores nothing', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(2), 'no_stream');

      await expect(store.append(stream, [], 2)).resolves.toMatchObject({ nextExpectedVersion: 2, appended: false });
      await expect(store.append(stream, [], 1)).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('under contention exactly one of 24 appends with the same expected version wins', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(1), 'no_stream');

      const outcomes = await Promise.allSettled(
        Array.from({ length: 24 }, () => store.append(stream, newEvents(2), 1)),
      );

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(23);
      expect(lost.every((o) => o.reason instanceof ConcurrencyError)).toBe(true);
      expect((await store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect((await store.verify(stream)).ok).toBe(true);
    });

    it("under contention 24 'any' appends all succeed, in one unbroken chain", async () => {
      const stream = streamId();
      const outcomes = await Promise.all(Array.from({ length: 24 }, () => store.append(stream, newEvents(1), 'any')));

      expect(outcomes.map((o) => o.nextExpectedVersion).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 24 }, (_, i) => i + 1),
      );
      expect(await store.verify(stream)).toMatchObject({ ok: true, eventsChecked: 24 });
    });
  });

  describe('idempotent event ids', () => {
    it('appending the same events again stores nothing and returns the current version', async () => {
      const stream = streamId();
      const events = newEvents(2);
      const first = await store.append(stream, events, 'no_stream');
      await store.append(stream, newEvents(1), 2);

      const retry = await store.append(stream, events, 'no_stream'); // a retry with its original expectation

      expect(retry).toEqual({ nextExpectedVersion: 3, appended: false, lastCheckpoint: first.lastCheckpoint });
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('the same ids with reordered keys are still the same content', async () => {
      const stream = streamId();
      const event = newEvent({ data: { a: 1, b: { c: 2, d: 3 } } });
      await store.append(stream, [event], 'no_stream');

      const retry = await store.append(stream, [{ ...event, data: { b: { d: 3, c: 2 }, a: 1 } }], 'no_stream');

      expect(retry.appended).toBe(false);
    });

    it('concurrent retries of one append store it once', async () => {
      const stream = streamId();
      const events = newEvents(3);

      const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.append(stream, events, 'any')));

      expect(outcomes.filter((o) => o.appended)).toHaveLength(1);
      expect(outcomes.every((o) => o.nextExpectedVersion === 3)).toBe(true);
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it.each([
      ['data', { data: { amount: 2 } }],
      ['type', { type: 'OtherThingHappened' }],
      ['metadata', { metadata: { ...METADATA, actor: 'user:mallory' } }],
    ])('the same id with different %s is an EventIdConflictError', async (_, change) => {
      const stream = streamId();
      const event = newEvent();
      await store.append(stream, [event], 'no_stream');

      await expect(store.append(stream, [{ ...event, ...change }], 'any')).rejects.toEqual(
        new EventIdConflictError(event.eventId),
      );
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('the same id in another stream is an EventIdConflictError', async () => {
      const event = newEvent();
      await store.append(streamId(), [event], 'no_stream');

      await expect(store.append(streamId(), [event], 'no_stream')).rejects.toBeInstanceOf(EventIdConflictError);
    });

    it('a batch of which only some ids are stored is an EventIdConflictError and stores nothing', async () => {
      const stream = streamId();
      const [stored, fresh] = newEvents(2);
      await store.append(stream, [stored], 'no_stream');

      await expect(store.append(stream, [stored, fresh], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([stored.eventId]);
    });

    it('the same id twice in one batch is an EventIdConflictError', async () => {
      const event = newEvent();
      await expect(store.append(streamId(), [event, event], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
    });
  });

  describe('readAll', () => {
    it('reads the whole log in batches that resume from their checkpoints', async () => {
      const start = await settledHead(store);
      const appended: string[] = [];
      let last = start;
      for (let i = 0; i < 7; i += 1) {
        const events = newEvents(1 + (i % 3));
        last = (await store.append(streamId('batch'), events, 'no_stream')).lastCheckpoint;
        appended.push(...events.map((e) => e.eventId));
      }
      await waitUntilReadable(store, last);

      const read: StoredEvent[] = [];
      let checkpoint: Checkpoint | null = start;
      const batchSizes: number[] = [];
      for (;;) {
        const batch = await store.readAll(checkpoint, 4);
        if (batch.events.length === 0) {
          expect(batch.checkpoint).toBe(checkpoint);
          break;
        }
        batchSizes.push(batch.events.length);
        read.push(...batch.events);
        checkpoint = batch.checkpoint;
      }

      expect(read.map((e) => e.eventId)).toEqual(appended);
      expect(batchSizes).toEqual([4, 4, 4, 1]);
      for (let i = 1; i < read.length; i += 1)
        expect(compareCheckpoints(read[i - 1].checkpoint, read[i].checkpoint)).toBe(-1);
      expect(await store.headCheckpoint()).toBe(read[read.length - 1].checkpoint);
      expect(await store.countAfter(start)).toBe(13);
      expect(await store.countAfter(read[9].checkpoint)).toBe(3);
      expect(await store.countAfter(checkpoint)).toBe(0);
      // Counted up to a limit, then estimated from positions: never the capped count itself.
      expect(await store.countAfter(start, 14)).toBe(13);
      expect(await store.countAfter(read[9].checkpoint, 3)).toBeGreaterThanOrEqual(3);
      const estimate = await store.countAfter(start, 5);
      expect(estimate).toBeGreaterThanOrEqual(13);
      expect(estimate).toBeLessThan(13 + 1000);
      await expect(store.countAfter(start, 0)).rejects.toThrow(/exactUpTo/);
    });

    it('with types, goes over the same entries as a read of all and answers only the events of those types', async () => {
      const start = await settledHead(store);
      const kinds = ['Wanted', 'Other', 'Other', 'AlsoWanted', 'Other', 'Other', 'Other', 'Wanted', 'Other', 'Other'];
      let last = start;
      for (const type of kinds)
        last = (await store.append(streamId('typed'), newEvents(1, { type }), 'no_stream')).lastCheckpoint;
      await waitUntilReadable(store, last);

      let checkpoint: Checkpoint | null = start;
      const scans: number[] = [];
      const types: string[] = [];
      for (;;) {
        const typed = await store.readAll(checkpoint, 4, ['Wanted', 'AlsoWanted']);
        const all = await store.readAll(checkpoint, 4);
        expect(typed.checkpoint).toBe(all.checkpoint);
        expect(typed.scanned).toBe(all.events.length);
        expect(typed.events).toEqual(all.events.filter((e) => e.type === 'Wanted' || e.type === 'AlsoWanted'));
        if (typed.scanned === 0) break;
        scans.push(typed.scanned);
        types.push(...typed.events.map((e) => e.type));
        checkpoint = typed.checkpoint;
      }
      expect(scans).toEqual([4, 4, 2]);
      expect(types).toEqual(['Wanted', 'AlsoWanted', 'Wanted']);
      expect(checkpoint).toBe(last);
      // A window with none of the types still moves on; no types selects nothing.
      const window = (await store.readAll(start, 3)).checkpoint;
      expect(await store.readAll(start, 3, ['Absent'])).toEqual({ events: [], checkpoint: window, scanned: 3 });
      expect(await store.readAll(start, 3, [])).toEqual({ events: [], checkpoint: window, scanned: 3 });
      expect(await store.readAll(last, 3, ['Wanted'])).toEqual({ events: [], checkpoint: last, scanned: 0 });
      await expect(store.readAll(start, 3, [7] as never)).rejects.toThrow(/types/);
    });

    it('from null starts at the beginning of the log', async () => {
      await settledHead(store);
      const all = await store.readAll(null, 100_000);
      expect(all.events.length).toBe(await store.countAfter(null));
      expect(all.events[0].globalPosition).toBe(1);
    });

    it("rejects a checkpoint of the other dialect's shape", async () => {
      const foreign = (
        kind.name === 'postgres' ? '00000000000000000001' : '00000000000000000001:00000000000000000001'
      ) as Checkpoint;
      await expect(store.readAll(foreign, 10)).rejects.toThrow(/checkpoint/);
    });
  });

  describe('hash chain', () => {
    it('verifies an untouched log', async () => {
      await store.append(streamId(), newEvents(3), 'no_stream');
      await settledHead(store);
      const report = await store.verify();
      expect(report.ok).toBe(true);
      expect(report.eventsChecked).toBe(await store.countAfter(null));
      expect(report.firstBroken).toBeUndefined();
    });

    it('links each event to the previous one in its stream', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(1), 'no_stream');
      await store.append(stream, newEvents(1), 1);
      const [a, b] = await store.readStream(stream);
      expect(a.hash).toBe(chainHash(a, GENESIS_HASH));
      expect(b.hash).toBe(chainHash(b, a.hash));
    });

    it('hashes the same as the application for any text, key order and number', async () => {
      const stream = `weird "stream" \\ ${streamId()} é ✓ 🚚`;
      const events = [
        newEvent({
          eventId: `id \\ "quoted" ${streamId()}`,
          type: 'Type\twith\u2028odd "chars" 🚚',
          data: { z: '\u0001\u001f\n', a: [1.5, -0, 1e21, 2e-7, null], é: { y: true, b: false } },
        }),
        newEvent({ data: [{ b: 1, a: 2 }, 'x'], metadata: { ...METADATA, reason: 'line\nbreak', extra: { k: [] } } }),
        newEvent({ schemaVersion: 7, data: null }),
      ];
      await store.append(stream, events, 'no_stream');

      const read = await store.readStream(stream);
      let previous = GENESIS_HASH;
      for (const event of read) {
        expect(event.hash).toBe(chainHash(event, previous));
        previous = event.hash;
      }
      expect(read.map((e) => e.data)).toEqual(events.map((e) => JSON.parse(JSON.stringify(e.data)))); // as JSON has it: -0 is 0
      expect(await store.verify(stream)).toMatchObject({ ok: true, eventsChecked: 3 });
    });

    it('reports the event whose data was changed with SQL, and checks the rest of its stream', async () => {
      const stream = streamId('tamper');
      await store.append(stream, newEvents(4), 'no_stream');
      const victim = (await store.readStream(stream))[1];
      const tampered = kind.name === 'postgres' ? `jsonb_set(data, '{index}', '99')` : `json_set(data, '$.index', 99)`;
      await opened.db.query(`UPDATE events SET data = ${tampered} WHERE event_id = $1`, [victim.eventId]);

      const report = await store.verify(stream);

      expect(report.ok).toBe(false);
      expect(report.findings).toEqual([
        {
          streamId: stream,
          streamVersion: 2,
          eventId: victim.eventId,
          kind: 'hash_mismatch',
          problem: expect.stringMatching(/hash mismatch/),
        },
      ]);
      expect(report.firstBroken).toEqual(report.findings[0]);
      expect(report.eventsChecked).toBe(4);
      expect((await store.verify()).findings.map((f) => f.eventId)).toEqual([victim.eventId]);
      await forget(stream); // leave the shared log verifiable
    });

    it('reports a deleted event as a gap in the chain', async () => {
      const stream = streamId('tamper');
      await store.append(stream, newEvents(3), 'no_stream');
      await opened.db.query('DELETE FROM events WHERE stream_id = $1 AND stream_version = 2', [stream]);

      const report = await store.verify(stream);

      expect(report.findings).toEqual([
        expect.objectContaining({
          streamVersion: 3,
          kind: 'version_gap',
          problem: expect.stringMatching(/version gap/),
        }),
      ]);
      await forget(stream);
    });

    it("records each stream's head with its last event, in the statement that appends", async () => {
      const stream = streamId();
      await store.append(stream, newEvents(2), 'no_stream');
      await store.append(stream, newEvents(3), 2);
      const last = (await store.readStream(stream))[4];
      const heads = await opened.db.query<{ stream_version: number | string; event_id: string; hash: string }>(
        'SELECT stream_version, event_id, hash FROM stream_heads WHERE stream_id = $1',
        [stream],
      );
      expect(heads.map((h) => ({ ...h, stream_version: Number(h.stream_version) }))).toEqual([
        { stream_version: 5, event_id: last.eventId, hash: last.hash },
      ]);
    });

    /** Removes a tampered stream entirely, its recorded head too. */
    async function forget(stream: string): Promise<void> {
      await opened.db.query('DELETE FROM events WHERE stream_id = $1', [stream]);
      await opened.db.query('DELETE FROM stream_heads WHERE stream_id = $1', [stream]);
    }
  });

  describe('upcasting', () => {
    it('upcasts old events on readStream and readAll, leaving what is stored untouched', async () => {
      const upcasters = new Upcasters([
        {
          type: 'PriceSet',
          fromSchemaVersion: 1,
          upcast: (data: { price: number }) => ({ amount: data.price, currency: 'EUR' }),
        },
        {
          type: 'PriceSet',
          fromSchemaVersion: 2,
          upcast: (data: { amount: number; currency: string }, metadata) => ({
            money: { amount: data.amount, currency: data.currency },
            by: metadata.actor,
          }),
        },
      ]);
      const upcasting = new SqlEventStore(opened.db, upcasters);
      const stream = streamId('price');
      const start = await settledHead(store);
      const { lastCheckpoint } = await store.append(
        stream,
        [
          newEvent({ type: 'PriceSet', schemaVersion: 1, data: { price: 5 } }),
          newEvent({ type: 'PriceSet', schemaVersion: 2, data: { amount: 6, currency: 'SEK' } }),
          newEvent({ type: 'PriceSet', schemaVersion: 3, data: { money: { amount: 7, currency: 'NOK' }, by: 'x' } }),
        ],
        'no_stream',
      );

      const expected = [
        { schemaVersion: 3, data: { money: { amount: 5, currency: 'EUR' }, by: 'user:alice' } },
        { schemaVersion: 3, data: { money: { amount: 6, currency: 'SEK' }, by: 'user:alice' } },
        { schemaVersion: 3, data: { money: { amount: 7, currency: 'NOK' }, by: 'x' } },
      ];
      expect(await upcasting.readStream(stream)).toMatchObject(expected);
      await waitUntilReadable(store, lastCheckpoint);
      expect((await upcasting.readAll(start, 10)).events).toMatchObject(expected);
      expect((await store.readStream(stream)).map((e) => e.schemaVersion)).toEqual([1, 2, 3]);
      expect(upcasters.currentSchemaVersion('PriceSet')).toBe(3);
      expect((await upcasting.verify(stream)).ok).toBe(true);
    });
  });
});
