import { createHash, randomUUID } from 'node:crypto';
import { IdempotencyStore } from '../apps/api/src/idempotency/idempotency.store';
import { DIALECTS, startTestApp, type TestApp } from './support/app';

const UNIT = {
  agency: 'Municipal Government Offices Administration',
  name: 'Motor pool',
  category: 'motor_pool',
  establishmentHeadcount: 6,
  annualCostBaseline: { amountMinor: 90_000_000, currency: 'CNY' },
  assets: [],
};

/** The request fingerprint the interceptor keeps with a claim. */
function fingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body)}`)
    .digest('hex');
}

/**
 * A request that died while holding its Idempotency-Key (its process was killed) leaves a claim
 * and nothing else. A retry is told the key is in progress while the claim's lease runs, then
 * runs the command itself, once.
 */
describe.each(DIALECTS)('Idempotency-Key after a request died on %s', (dialect) => {
  let t: TestApp;
  const office = () => t.as('li.office', 'reform_office');

  beforeAll(async () => {
    t = await startTestApp(dialect, { idempotencyClaimLeaseSeconds: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 409 while the dead claim holds, then acts once and replays that', async () => {
    const key = randomUUID();
    const died = await t.app
      .get(IdempotencyStore)
      .claim('li.office', key, fingerprint('POST', '/service-units', UNIT), new Date());
    expect(died.outcome).toBe('claimed'); // …and that request never gets further

    const early = await t.http.post('/service-units').set(office()).set('Idempotency-Key', key).send(UNIT).expect(409);
    expect(early.body.code).toBe('idempotency_in_progress');

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const retried = await t.http
      .post('/service-units')
      .set(office())
      .set('Idempotency-Key', key)
      .send(UNIT)
      .expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const again = await t.http.post('/service-units').set(office()).set('Idempotency-Key', key).send(UNIT).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(retried.body);
    expect(again.headers.etag).toBe('"1"');
    expect(again.headers.location).toBe(`/service-units/${retried.body.id}`);
    await t.http.get(`/service-units/${retried.body.id}`).set(office()).expect(200);
  });

  it('lets a retry of a refused command try again at once', async () => {
    const key = randomUUID();
    const missing = randomUUID();
    await t.http
      .post(`/service-units/${missing}/plan/approve`)
      .set(t.as('wang.approver', 'approver'))
      .set('Idempotency-Key', key)
      .expect(404);
    await t.http
      .post(`/service-units/${missing}/plan/approve`)
      .set(t.as('wang.approver', 'approver'))
      .set('Idempotency-Key', key)
      .expect(404);
  });
});
