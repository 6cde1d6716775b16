import { randomUUID } from 'node:crypto';
import {
  openSqlDatabase,
  SqlEventStore,
  withAppendTransactionWork,
  type AppendTransactionWork,
  type NewEvent,
} from '@spinout/event-store';
import type { Response } from 'express';
import { DATABASES, type OpenedDatabase } from '../../../../libs/event-store/test/databases';
import { AddIdempotencyLeases1733200000001 } from './idempotency-leases.migration';
import { CreateIdempotencyKeys1732400000000 } from './idempotency.migration';
import { IdempotencyStore, type HeldClaim } from './idempotency.store';
import { RequestOutcome } from './request-outcome';

const MIGRATIONS = [CreateIdempotencyKeys1732400000000, AddIdempotencyLeases1733200000001];
const LEASE_MS = 30_000;
const RETENTION_MS = 24 * 3_600_000;
const T0 = new Date('2025-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** What a controller's response object holds while the command runs: the route's status, and a Location for a creation. */
function httpResponse(statusCode: number, location?: string): Pick<Response, 'statusCode' | 'getHeader'> {
  const headers = new Map<string, string>(location ? [['location', location]] : []);
  return { statusCode, getHeader: (name: string) => headers.get(name.toLowerCase()) };
}

function registration(): NewEvent[] {
  return [
    {
      eventId: randomUUID(),
      type: 'ServiceUnitRegistered',
      schemaVersion: 1,
      data: { name: 'HQ canteen' },
      metadata: { actor: 'li.office', correlationId: 'c-1', occurredAt: T0.toISOString() },
    },
  ];
}

describe.each(DATABASES)('Idempotency-Key records on $name', (kind) => {
  let opened: OpenedDatabase;
  let keys: IdempotencyStore;
  let events: SqlEventStore;

  beforeAll(async () => {
    opened = await kind.open({ migrations: MIGRATIONS });
    keys = new IdempotencyStore(opened.db, { leaseMs: LEASE_MS, retentionMs: RETENTION_MS });
    events = new SqlEventStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  async function claimed(key: string, fingerprint = 'fp', now = T0): Promise<HeldClaim> {
    const claim = await keys.claim('li.office', key, fingerprint, now);
    if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
    return claim.claim;
  }

  describe('a claim whose request died', () => {
    it('stays in progress until its lease ends, and is taken over by a retry of the same request then', async () => {
      const key = randomUUID();
      const dead = await claimed(key); // …and its request never completes

      expect(await keys.claim('li.office', key, 'fp', at(LEASE_MS - 1))).toEqual({ outcome: 'in_progress' });
      expect(await keys.claim('li.office', key, 'other request', at(LEASE_MS + 1))).toEqual({ outcome: 'mismatch' });
      const retry = await keys.claim('li.office', key, 'fp', at(LEASE_MS));
      expect(retry).toEqual({
        outcome: 'claimed',
        claim: { principalId: 'li.office', key, token: expect.any(String) },
      });
      expect(await keys.claim('li.office', key, 'fp', at(LEASE_MS + 1))).toEqual({ outcome: 'in_progress' }); // the retry's own lease

      // The dead request's claim is fenced off: it can neither complete nor release the key any more.
      expect(await keys.complete(dead, { statusCode: 201, body: { id: 'late' } }, at(LEASE_MS + 2))).toBe(false);
      await keys.release(dead);
      const taken = (retry as { claim: HeldClaim }).claim;
      expect(
        await keys.complete(taken, { statusCode: 201, body: { id: 'u-1', version: 1 }, etag: '"1"' }, at(LEASE_MS + 3)),
      ).toBe(true);
      expect(await keys.claim('li.office', key, 'fp', at(LEASE_MS + 4))).toEqual({
        outcome: 'replay',
        response: { statusCode: 201, body: { id: 'u-1', version: 1 }, etag: '"1"' },
      });
    });

    it('is free at once when its request failed and released it', async () => {
      const key = randomUUID();
      await keys.release(await claimed(key));
      expect((await keys.claim('li.office', key, 'fp', at(1))).outcome).toBe('claimed');
    });

    it('is never taken over once its outcome is stored', async () => {
      const key = randomUUID();
      await keys.complete(await claimed(key), { statusCode: 200, body: { id: 'u', version: 3 } }, T0);
      expect((await keys.claim('li.office', key, 'fp', at(LEASE_MS * 10))).outcome).toBe('replay');
    });
  });

  describe('the outcome of a command that appended events', () => {
    it('is stored in the transaction of the append, so a retry after a crash before the response learns it', async () => {
      const key = randomUUID();
      const claim = await claimed(key, 'fp', new Date());
      const unitId = randomUUID();
      const outcome = new RequestOutcome(keys, claim, httpResponse(201, `/service-units/${unitId}`));

      await withAppendTransactionWork(outcome, () =>
        events.append(`serviceUnit-${unitId}`, registration(), 'no_stream'),
      );
      // The process dies here: the controller never returns, nothing else is written.

      expect(await events.readStream(`serviceUnit-${unitId}`)).toHaveLength(1);
      expect(await keys.claim('li.office', key, 'fp', new Date())).toEqual({
        outcome: 'replay',
        response: {
          statusCode: 201,
          body: { id: unitId, version: 1 },
          etag: '"1"',
          location: `/service-units/${unitId}`,
        },
      });
    });

    it('is not stored when the transaction fails after the append, and neither are the events', async () => {
      const key = randomUUID();
      const claim = await claimed(key, 'fp', new Date());
      const unitId = randomUUID();
      const outcome = new RequestOutcome(keys, claim, httpResponse(201));
      const crashingBeforeCommit: AppendTransactionWork = {
        get pending() {
          return outcome.pending;
        },
        run: async (tx, appended) => {
          await outcome.run(tx, appended); // events and outcome are written…
          throw new Error('connection lost before COMMIT'); // …and the transaction does not commit
        },
        committed: () => outcome.committed(),
      };

      await expect(
        withAppendTransactionWork(crashingBeforeCommit, () =>
          events.append(`serviceUnit-${unitId}`, registration(), 'no_stream'),
        ),
      ).rejects.toThrow(/before COMMIT/);

      expect(await events.readStream(`serviceUnit-${unitId}`)).toEqual([]);
      const [row] = await opened.db.query<{ status_code: number | null; response_body: string | null }>(
        'SELECT status_code, response_body FROM idempotency_keys WHERE principal_id = $1 AND idempotency_key = $2',
        ['li.office', key],
      );
      expect(row).toEqual({ status_code: null, response_body: null });
      // Nothing committed, so the key is still claimed, and a retry runs the command once the lease ends.
      expect((await keys.claim('li.office', key, 'fp', new Date())).outcome).toBe('in_progress');
      expect((await keys.claim('li.office', key, 'fp', new Date(Date.now() + LEASE_MS))).outcome).toBe('claimed');
    });

    it('keeps the events out when a retry took the claim over meanwhile', async () => {
      const key = randomUUID();
      const slow = await claimed(key, 'fp', new Date(Date.now() - LEASE_MS)); // its lease has ended by now
      const retry = await keys.claim('li.office', key, 'fp', new Date());
      expect(retry.outcome).toBe('claimed');
      const unitId = randomUUID();

      const appended = withAppendTransactionWork(new RequestOutcome(keys, slow, httpResponse(201)), () =>
        events.append(`serviceUnit-${unitId}`, registration(), 'no_stream'),
      );

      await expect(appended).rejects.toThrow(/taken over/);
      expect(await events.readStream(`serviceUnit-${unitId}`)).toEqual([]);
    });

    it('is stored afterwards for a command that appended nothing, and replaced by the final response when that differs', async () => {
      const key = randomUUID();
      const claim = await claimed(key, 'fp', new Date());
      const noEvents = new RequestOutcome(keys, claim, httpResponse(200));
      await withAppendTransactionWork(noEvents, async () => undefined); // the decider decided nothing
      noEvents.close();
      expect(noEvents.storedWithEvents).toBe(false);

      await noEvents.settle({ id: 'u-9', version: 4 });

      expect(await keys.claim('li.office', key, 'fp', new Date())).toEqual({
        outcome: 'replay',
        response: { statusCode: 200, body: { id: 'u-9', version: 4 } },
      });
    });
  });

  describe('retention', () => {
    it('purges outcomes and abandoned claims whose retention ended, and nothing else', async () => {
      await opened.db.query('DELETE FROM idempotency_keys');
      const now = at(RETENTION_MS + 60_000);
      await keys.complete(await claimed('old outcome', 'fp', T0), { statusCode: 201, body: {} }, T0);
      await claimed('abandoned claim', 'fp', T0);
      await keys.complete(
        await claimed('recent outcome', 'fp', at(RETENTION_MS)),
        { statusCode: 201, body: {} },
        at(RETENTION_MS),
      );
      await claimed('running claim', 'fp', at(RETENTION_MS + 50_000));
      // An outcome completed late keeps its full retention from completion, not from the claim.
      await keys.complete(
        await claimed('late outcome', 'fp', T0),
        { statusCode: 200, body: {} },
        at(RETENTION_MS - 1000 + 120_000),
      );

      expect(await keys.purgeExpired(now)).toBe(2);

      const left = await opened.db.query<{ idempotency_key: string }>(
        'SELECT idempotency_key FROM idempotency_keys ORDER BY idempotency_key',
      );
      expect(left.map((row) => row.idempotency_key)).toEqual(['late outcome', 'recent outcome', 'running claim']);
      expect(await keys.purgeExpired(now)).toBe(0);
    });

    it('purges in batches until nothing expired is left', async () => {
      await opened.db.query('DELETE FROM idempotency_keys');
      for (let i = 0; i < 1200; i += 1) await claimed(`k-${i}`, 'fp', T0);
      expect(await keys.purgeExpired(at(RETENTION_MS))).toBe(1200);
    });

    it('frees a key whose outcome expired for any new request', async () => {
      const key = randomUUID();
      await keys.complete(await claimed(key, 'fp', T0), { statusCode: 201, body: { id: 'first' } }, T0);
      expect((await keys.claim('li.office', key, 'a different request', at(RETENTION_MS))).outcome).toBe('claimed');
    });
  });

  it('makes claims left unfinished before the leases existed reclaimable at once', async () => {
    const old = await kind.open({ migrations: [CreateIdempotencyKeys1732400000000] });
    try {
      await old.db.query(
        'INSERT INTO idempotency_keys (principal_id, idempotency_key, fingerprint, created_at) VALUES ($1, $2, $3, $4)',
        ['li.office', 'stuck', 'fp', T0.toISOString()],
      );
      const upgraded = await openSqlDatabase({
        url: kind.name === 'sqlite' ? `sqlite:${old.url}` : old.url,
        migrations: MIGRATIONS,
      });
      try {
        const store = new IdempotencyStore(upgraded, { leaseMs: LEASE_MS, retentionMs: RETENTION_MS });
        expect((await store.claim('li.office', 'stuck', 'fp', at(1000))).outcome).toBe('claimed');
        expect(await store.purgeExpired(at(RETENTION_MS + 2000))).toBe(1);
      } finally {
        await upgraded.close();
      }
    } finally {
      await old.dispose();
    }
  });
});
