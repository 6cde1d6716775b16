import { SqlEventStore } from '../index';
import { POSTGRES, type OpenedDatabase } from '../../test/databases';

/**
 * Transaction ids grow past digit boundaries (9 → 10, 99999 → 100000). The log must be read in
 * numeric (tx_id, position) order, the order of its keyset checkpoints, or a reader would skip.
 */
describe('readAll order across transaction-id digit boundaries on postgres', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await POSTGRES.open();
  });
  afterAll(() => opened.dispose());

  it('reads tx 9 before tx 10 and 99 before 100, in batches of one, none skipped', async () => {
    for (const [position, tx] of [
      [1, 100],
      [2, 9],
      [3, 10],
      [4, 99],
    ] as const) {
      await opened.db.query(
        `INSERT INTO events (global_position, tx_id, stream_id, stream_version, event_id, type, schema_version, data, metadata, hash)
         VALUES ($1, $2::text::xid8, $3, 1, $3, 'Probed', 1, '{}', '{"actor":"t","correlationId":"c","occurredAt":"2026-01-01T00:00:00Z"}', 'h')`,
        [position, String(tx), `s-${position}`],
      );
    }
    const store = new SqlEventStore(opened.db);
    const seen: string[] = [];
    let checkpoint = null;
    for (let i = 0; i < 10; i += 1) {
      const batch = await store.readAll(checkpoint, 1);
      if (batch.events.length === 0) break;
      seen.push(batch.events[0].streamId);
      checkpoint = batch.checkpoint;
    }
    expect(seen).toEqual(['s-2', 's-3', 's-4', 's-1']);
    expect((await store.headCheckpoint())?.startsWith('00000000000000000100:')).toBe(true);
  });
});
