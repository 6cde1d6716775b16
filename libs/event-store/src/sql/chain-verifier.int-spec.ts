import { ChainVerifier, SqlEventStore, type VerificationFinding } from '..';
import { DATABASES, type OpenedDatabase } from '../../test/databases';
import { newEvents, streamId } from '../../test/events';

/**
 * Tampering done with SQL straight against the database, as someone with write access could:
 * verification reports every stream it touched, each with what is wrong, in one run.
 */
describe.each(DATABASES)('ChainVerifier on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;

  beforeEach(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
  });
  afterEach(() => opened?.dispose());

  async function stream(prefix: string, count: number): Promise<string> {
    const id = streamId(prefix);
    await store.append(id, newEvents(count), 'no_stream');
    return id;
  }

  it('verifies an untouched log, counting every stream and event', async () => {
    for (let i = 0; i < 5; i += 1) await stream('clean', i + 1);
    const report = await store.verify();
    expect(report).toEqual({ ok: true, streamsChecked: 5, eventsChecked: 15, findings: [] });
  });

  it('reports a changed event, a deleted middle event, a deleted last event and a deleted stream, all at once', async () => {
    const changed = await stream('changed', 4);
    const holed = await stream('holed', 4);
    const cut = await stream('cut', 3);
    const gone = await stream('gone', 2);
    const clean = await stream('clean', 3);
    const [changedEvents, holedEvents, cutEvents, goneEvents] = [
      await store.readStream(changed),
      await store.readStream(holed),
      await store.readStream(cut),
      await store.readStream(gone),
    ];

    const tampered = kind.name === 'postgres' ? `jsonb_set(data, '{index}', '99')` : `json_set(data, '$.index', 99)`;
    await opened.db.query(`UPDATE events SET data = ${tampered} WHERE event_id = $1`, [changedEvents[2].eventId]);
    await opened.db.query('DELETE FROM events WHERE stream_id = $1 AND stream_version = 2', [holed]);
    await opened.db.query('DELETE FROM events WHERE stream_id = $1 AND stream_version = 3', [cut]);
    await opened.db.query('DELETE FROM events WHERE stream_id = $1', [gone]);

    const report = await store.verify();

    expect(report.ok).toBe(false);
    expect(report.streamsChecked).toBe(5);
    expect(report.eventsChecked).toBe(4 + 3 + 2 + 0 + 3);
    expect(byStream(report.findings)).toEqual({
      [changed]: [
        {
          streamId: changed,
          streamVersion: 3,
          eventId: changedEvents[2].eventId,
          kind: 'hash_mismatch',
          problem: expect.stringMatching(/hash mismatch/),
        },
      ],
      [holed]: [
        {
          streamId: holed,
          streamVersion: 3,
          eventId: holedEvents[2].eventId,
          kind: 'version_gap',
          problem: expect.stringMatching(/expected version 2, found 3/),
        },
      ],
      [cut]: [
        {
          streamId: cut,
          streamVersion: 3,
          eventId: cutEvents[2].eventId,
          kind: 'tail_missing',
          problem: expect.stringMatching(/head records version 3 .*last stored event is version 2/),
        },
      ],
      [gone]: [
        {
          streamId: gone,
          streamVersion: 2,
          eventId: goneEvents[1].eventId,
          kind: 'stream_missing',
          problem: expect.stringMatching(/none is stored/),
        },
      ],
    });
    expect(report.findings).not.toContainEqual(expect.objectContaining({ streamId: clean }));
    expect(report.firstBroken).toEqual(report.findings[0]);

    // One stream at a time says the same about each.
    expect((await store.verify(cut)).findings).toEqual(byStream(report.findings)[cut]);
    expect((await store.verify(gone)).findings).toEqual(byStream(report.findings)[gone]);
    expect(await store.verify(clean)).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 3, findings: [] });
  });

  it('reports events without a recorded head, and a head that names another event', async () => {
    const headless = await stream('headless', 2);
    const rewritten = await stream('rewritten', 2);
    await opened.db.query('DELETE FROM stream_heads WHERE stream_id = $1', [headless]);
    await opened.db.query('UPDATE stream_heads SET hash = $2 WHERE stream_id = $1', [rewritten, 'f'.repeat(64)]);

    const report = await store.verify();

    expect(byStream(report.findings)).toEqual({
      [headless]: [expect.objectContaining({ kind: 'head_missing', streamVersion: 2 })],
      [rewritten]: [expect.objectContaining({ kind: 'head_mismatch', streamVersion: 2 })],
    });
  });

  it('goes through more streams and events than one page holds, and continues a bounded run where it stopped', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 520; i += 1) ids.push(await stream('many', 1)); // more than a page of heads
    const long = await stream('long', 1500); // more than a page of events
    const gone = ids[300];
    await opened.db.query('DELETE FROM events WHERE stream_id = $1', [gone]);

    const whole = await store.verify();
    expect(whole).toMatchObject({ ok: false, streamsChecked: 521, eventsChecked: 519 + 1500 });
    expect(whole.findings).toEqual([expect.objectContaining({ streamId: gone, kind: 'stream_missing' })]);

    const verifier = new ChainVerifier(opened.db);
    const pages = [];
    let after: string | undefined;
    for (;;) {
      const page = await verifier.verify({ after, maxEvents: 100 });
      pages.push(page);
      if (page.next === undefined) break;
      after = page.next;
    }
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.reduce((sum, page) => sum + page.streamsChecked, 0)).toBe(521);
    expect(pages.reduce((sum, page) => sum + page.eventsChecked, 0)).toBe(519 + 1500);
    expect(pages.flatMap((page) => page.findings)).toEqual(whole.findings);
    expect(pages.find((page) => page.eventsChecked >= 1500)?.streamsChecked).toBeGreaterThanOrEqual(1); // a stream is checked whole
    expect(long).toBeDefined();
  });

  it('finds nothing wrong in streams appended to while it runs', async () => {
    const ids = [];
    for (let i = 0; i < 40; i += 1) ids.push(await stream('busy', 1));
    let running = true;
    const writer = (async () => {
      let round = 1;
      while (running) {
        for (const id of ids) await store.append(id, newEvents(1), round);
        round += 1;
      }
    })();
    try {
      for (let i = 0; i < 5; i += 1) {
        const report = await store.verify();
        expect(report.findings).toEqual([]);
      }
    } finally {
      running = false;
      await writer;
    }
  });
});

function byStream(findings: VerificationFinding[]): Record<string, VerificationFinding[]> {
  const grouped: Record<string, VerificationFinding[]> = {};
  for (const finding of findings) (grouped[finding.streamId] ??= []).push(finding);
  return grouped;
}
