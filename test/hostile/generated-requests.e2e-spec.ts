import type { AddressInfo } from 'node:net';
import { DIALECTS, startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { buildBarrage, type HostileRequest } from '../support/hostile/barrage';
import { type OpenApiDocument, type Operation, operationsOf, undocumentedProperties } from '../support/hostile/openapi';
import { Prng } from '../support/hostile/prng';
import {
  allRows,
  type Programme,
  readProgramme,
  viewTotals,
  type ViewTotals,
} from '../support/hostile/seeded-programme';
import { type Answer, sendAll } from '../support/hostile/send';
import { ServerErrors } from '../support/hostile/server-errors';
import { failuresOf, report } from '../support/hostile/verdict';

/**
 * Generated hostile requests. For every operation of the app's own OpenAPI document, requests
 * that are valid (real ids and values of the seeded demo programme) except for one broken thing:
 * a body field, a query parameter, a path segment, the body as a whole, its media type or
 * encoding, or a header (the catalogue is test/support/hostile/mutations.ts). Sent with a token
 * admitted everywhere, so they reach validation and the deciders. Every answer must be a 4xx
 * problem+json or a success, never a 5xx; afterwards the data must be intact.
 */
const SEED = 0x5eed_2026;
const CONCURRENCY = 4;

interface Processor {
  name: string;
  lag: number;
  parked: number;
  lastError: string | null;
}

describe.each(DIALECTS)('generated hostile requests on %s', (dialect) => {
  let t: TestApp;
  let document: OpenApiDocument;
  let operations: Operation[];
  let programme: Programme;
  let before: ViewTotals;
  let requests: HostileRequest[] = [];
  let answers: Answer[] = [];
  const admin = () => t.as('hostile', 'admin');

  /** Every processor caught up; returns them as they are then. */
  const caughtUp = () =>
    eventually(
      async () => {
        const processors = (await t.http.get('/health/details').set(admin()).expect(200)).body
          .processors as Processor[];
        for (const processor of processors) expect([processor.name, processor.lag]).toEqual([processor.name, 0]);
        return processors;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  beforeAll(async () => {
    t = await startTestApp(dialect, { seedDemo: true });
    await caughtUp();
    document = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    operations = operationsOf(document);
    programme = await readProgramme(t, admin());
    before = await viewTotals(t, admin());
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('builds its requests from the schemas of the OpenAPI document the app serves, which describe every validated property', () => {
    const withBodies = operations.filter((operation) => operation.body);
    expect(withBodies.length).toBeGreaterThan(20);
    expect(
      withBodies.filter((operation) => Object.keys(operation.body?.properties ?? {}).length === 0).map((o) => o.key),
    ).toEqual([]);
    expect(operations.find((operation) => operation.key === 'GET /views/units')?.query.map((q) => q.name)).toEqual(
      expect.arrayContaining(['limit', 'offset']),
    );
    expect(undocumentedProperties(document)).toEqual([]);
  });

  it('answers every broken request with a success or a 4xx problem+json, never a 5xx', async () => {
    const errors = ServerErrors.capture(t.app);
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    requests = buildBarrage(operations, programme, new Prng(SEED), admin());
    answers = await sendAll((server.address() as AddressInfo).port, requests, CONCURRENCY);

    const failures = failuresOf(requests, answers, (index) => errors.causeOf(index));
    const polluted = ({} as Record<string, unknown>).polluted;
    if (polluted !== undefined)
      failures.push({
        operation: '(any)',
        mutation: 'prototype pollution',
        status: 0,
        fault: `Object.prototype.polluted is ${JSON.stringify(polluted)}`,
        excerpt: '',
      });
    for (const error of errors.outsideRequests)
      failures.push({
        operation: '(processors)',
        mutation: 'an error logged outside any request',
        status: 0,
        fault: error,
        excerpt: '',
      });
    expect(requests.length).toBeGreaterThan(5000);
    expect(failures.length === 0 ? 'no failures' : report(failures, requests.length)).toBe('no failures');
  }, 180_000);

  it('leaves the data intact: nothing parked, every aggregate still folds, and the views list what was there plus what succeeded', async () => {
    const processors = await caughtUp();
    expect(processors.filter((p) => p.parked > 0).map((p) => `${p.name}: ${p.parked} parked, ${p.lastError}`)).toEqual(
      [],
    );

    const succeeded = (operation: string) =>
      requests.filter((r, i) => r.operation === operation && answers[i].status < 300).length;
    const after = await viewTotals(t, admin());
    const newUnits = succeeded('POST /service-units');
    const newMeasurements = succeeded('POST /contracts/{id}/measurements');
    expect(after).toEqual({
      units: before.units + newUnits,
      contracts: before.contracts + succeeded('POST /contracts') + succeeded('POST /service-units/{id}/award'),
      'sla-compliance': before['sla-compliance'] + newMeasurements,
      settlements: before.settlements + succeeded('POST /contracts/{id}/invoices'),
      // A new unit may open a group of agency and category, a new measurement a provider's month.
      'reform-progress': between(before['reform-progress'], before['reform-progress'] + newUnits),
      'provider-scorecards': between(before['provider-scorecards'], before['provider-scorecards'] + newMeasurements),
    });

    const unreadable: string[] = [];
    const units = await allRows<{ unitId: string }>(t, admin(), 'units');
    const contracts = await allRows<{ contractId: string }>(t, admin(), 'contracts');
    const paths = [
      ...units.map((u) => `/service-units/${u.unitId}`),
      ...contracts.map((c) => `/contracts/${c.contractId}`),
    ];
    for (const path of paths.flatMap((aggregate) => [aggregate, `${aggregate}/history`])) {
      const res = await t.http.get(path).set(admin());
      // A history says whether its stream's hash chain verified; one that did not is corrupted.
      if (res.status !== 200 || res.body.verified === false)
        unreadable.push(`${path}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(unreadable).toEqual([]);
  }, 120_000);
});

/** An asymmetric matcher for a number from `low` to `high`. */
function between(low: number, high: number) {
  return {
    $$typeof: Symbol.for('jest.asymmetricMatcher'),
    asymmetricMatch: (n: unknown) => typeof n === 'number' && n >= low && n <= high,
    toAsymmetricMatcher: () => `a number from ${low} to ${high}`,
  };
}
