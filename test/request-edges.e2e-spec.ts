import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { DIALECTS, startTestApp, type TestApp, processorsCaughtUp } from './support/app';

/**
 * The edges of the HTTP surface, named one by one: what a hostile or careless client sends that
 * the framework or the database would otherwise turn into a 500 — oversize, compressed,
 * mislabelled or deeply nested bodies, headers past Node's limit, text no database keeps, deep
 * paging, and commands that are illegal in the aggregate's current state. Each must be a 4xx
 * problem+json saying why, and must change nothing.
 */
interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; messages: string[] }>;
}
interface ContractView {
  contractId: string;
  status: string;
  providerId: string;
}

describe.each(DIALECTS)('request edges on %s', (dialect) => {
  let t: TestApp;
  let contracts: ContractView[];
  let unitId: string;
  const admin = () => t.as('edge.tester', 'admin');

  beforeAll(async () => {
    t = await startTestApp(dialect, { seedDemo: true });
    await processorsCaughtUp(t);
    contracts = (await t.http.get('/views/contracts').query({ limit: 200 }).set(admin()).expect(200)).body.items;
    unitId = (await t.http.get('/views/units').query({ limit: 1 }).set(admin()).expect(200)).body.items[0].unitId;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  function expectProblem(
    response: { status: number; headers: Record<string, string>; body: unknown; text: string },
    status: number,
    code?: string,
  ): Problem {
    expect([response.status, response.headers['content-type']]).toEqual([
      status,
      expect.stringContaining('application/problem+json'),
    ]);
    const problem = JSON.parse(response.text) as Problem;
    expect(problem).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
      ...(code ? { code } : {}),
    });
    return problem;
  }

  /** A request as bytes on a socket, for what supertest would rewrite (compressed bodies, oversize headers). */
  async function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer) {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const length = body ? { 'content-length': String(body.length) } : {};
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { ...headers, ...length } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: text }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const registration = (name: string) => ({
    agency: 'Edge Cases Bureau',
    name,
    category: 'canteen',
    establishmentHeadcount: 3,
    annualCostBaseline: { amountMinor: 1_000_000 },
    assets: [],
  });

  describe('bodies', () => {
    it('answers a 10 MB body with 413', async () => {
      const huge = { ...registration('Huge'), notes: 'x'.repeat(10 * 1024 * 1024) };
      expectProblem(await t.http.post('/service-units').set(admin()).send(huge), 413, 'payload_too_large');
    });

    it('reads a gzip body, and answers one that only claims to be gzip with 400', async () => {
      const headers = { ...admin(), 'content-type': 'application/json', 'content-encoding': 'gzip' };
      const ok = await raw(
        'POST',
        '/service-units',
        headers,
        gzipSync(JSON.stringify(registration('Gzipped canteen'))),
      );
      expect(ok.status).toBe(201);
      const bad = await raw('POST', '/service-units', headers, Buffer.from('{"not":"gzip"}'));
      expect([bad.status, bad.type]).toEqual([400, expect.stringContaining('application/problem+json')]);
      expect(JSON.parse(bad.body)).toMatchObject({ status: 400, code: 'unreadable_body' });
    });

    it('answers an unsupported encoding or charset, and a body that is not JSON, with 415', async () => {
      const json = JSON.stringify(registration('Encoded'));
      expectProblem(
        await t.http
          .post('/service-units')
          .set(admin())
          .set('content-type', 'application/json')
          .set('content-encoding', 'x-foo')
          .send(json),
        415,
        'unsupported_content_encoding',
      );
      expectProblem(
        await t.http
          .post('/service-units')
          .set(admin())
          .set('content-type', 'application/json; charset=latin1')
          .send(json),
        415,
        'unsupported_charset',
      );
      expectProblem(
        await t.http.post('/service-units').set(admin()).set('content-type', 'text/plain').send(json),
        415,
        'unsupported_media_type',
      );
    });

    it('answers malformed JSON with 400', async () => {
      expectProblem(
        await t.http.post('/service-units').set(admin()).set('content-type', 'application/json').send('{"agency": '),
        400,
        'malformed_json',
      );
    });

    it.each([
      ['arrays at the top', '['.repeat(10_000) + ']'.repeat(10_000)],
      ['objects at the top', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
      [
        'arrays inside a field',
        JSON.stringify(registration('Deep')).replace(
          '"assets":[]',
          `"assets":${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        ),
      ],
    ])('answers JSON nested 10,000 levels deep (%s) with 400 naming the depth', async (_case, body) => {
      const problem = expectProblem(
        await t.http.post('/service-units').set(admin()).set('content-type', 'application/json').send(body),
        400,
        'validation_failed',
      );
      expect(problem.errors?.[0].messages[0]).toMatch(/nesting deeper than 32 levels/);
    });

    it('does not let a prototype-polluting body reach anything', async () => {
      const body = `{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(registration('Proto')).slice(1)}`;
      const response = await t.http
        .post('/service-units')
        .set(admin())
        .set('content-type', 'application/json')
        .send(body);
      expectProblem(response, 400, 'validation_failed');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('text no database keeps', () => {
    it.each([
      ['a NUL in a body field', { body: { ...registration('Nul\u0000canteen') } }, 'name'],
      ['a lone surrogate in a body field', { body: { ...registration('Lone \ud800 surrogate') } }, 'name'],
      ['a NUL in a property name', { body: { ...registration('Key'), 'bad\u0000key': 1 } }, 'bad\u0000key'],
      ['a NUL in a query parameter', { query: { stage: 'in_house\u0000' } }, 'stage'],
    ])('refuses %s with 400 naming the field', async (_case, input, field) => {
      const response =
        'body' in input
          ? await t.http.post('/service-units').set(admin()).send(input.body)
          : await t.http.get('/views/units').query(input.query).set(admin());
      const problem = expectProblem(response, 400, 'validation_failed');
      expect(problem.errors?.[0].field).toBe(field);
    });

    it('refuses a NUL or a broken UTF-8 sequence in a path parameter with 400', async () => {
      expectProblem(await t.http.get(`/views/units/${unitId}%00`).set(admin()), 400, 'validation_failed');
      expectProblem(
        await t.http.get('/views/reform-progress/Agency%ED%A0%80/canteen').set(admin()),
        400,
        'validation_failed',
      );
    });
  });

  it.each(['1e20', '99999999999999999999', '9223372036854775807', '-1', '1000001', 'abc'])(
    'refuses offset=%s with 400 naming offset',
    async (offset) => {
      for (const view of [
        'units',
        'reform-progress',
        'contracts',
        'sla-compliance',
        'settlements',
        'provider-scorecards',
      ]) {
        const problem = expectProblem(await t.http.get(`/views/${view}`).query({ offset }).set(admin()), 400);
        expect(problem.errors?.map((error) => error.field)).toContain('offset');
      }
    },
  );

  it('answers request headers over the limit with a 431 problem', async () => {
    const response = await raw('GET', '/health', { 'x-padding': 'p'.repeat(64 * 1024) });
    expect([response.status, response.type]).toEqual([431, 'application/problem+json']);
    expect(JSON.parse(response.body)).toMatchObject({ status: 431, code: 'request_header_fields_too_large' });
  });

  describe('illegal transitions answer 409 with a sentence, never 500, and append nothing', () => {
    const cm = () => t.as('edge.contracts', 'contract_manager');
    const byStatus = (status: string) => {
      const found = contracts.find((contract) => contract.status === status);
      if (!found) throw new Error(`The demo programme has no ${status} contract`);
      return found.contractId;
    };

    async function expectRefused(
      path: string,
      body: object | undefined,
      who: { Authorization: string },
      code?: RegExp,
    ) {
      const aggregate = path.split('/').slice(0, 3).join('/');
      const before = (await t.http.get(aggregate).set(admin()).expect(200)).headers.etag;
      const response = await t.http
        .post(path)
        .set(who)
        .send(body ?? {});
      const problem = expectProblem(response, 409);
      expect(problem.detail).toMatch(/^[A-Z].{10,}/);
      if (code) expect(problem.code).toMatch(code);
      expect((await t.http.get(aggregate).set(admin()).expect(200)).headers.etag).toBe(before);
    }

    it.each([
      ['activate', 'active', undefined],
      ['sign', 'active', undefined],
      ['resume', 'active', undefined],
      ['activate', 'terminated', undefined],
      ['sign', 'terminated', undefined],
      ['suspend', 'terminated', { reason: 'Audit' }],
      ['resume', 'terminated', undefined],
      ['expire', 'terminated', undefined],
      ['terminate', 'terminated', { reason: 'breach', detail: 'Again' }],
      ['renew', 'terminated', { newEnd: '2030-12-31', rationale: 'Extend' }],
    ])('%s on a contract that is %s', async (command, status, body) => {
      await expectRefused(`/contracts/${byStatus(status)}/${command}`, body, cm());
    });

    it('closing a rectification plan of a terminated contract', async () => {
      const contractId = byStatus('terminated');
      const contract = (await t.http.get(`/contracts/${contractId}`).set(admin()).expect(200)).body as {
        rectifications: Record<string, { rectificationId: string }>;
      };
      const [rectification] = Object.values(contract.rectifications);
      expect(rectification).toBeDefined();
      await expectRefused(
        `/contracts/${contractId}/rectifications/${rectification.rectificationId}/close`,
        { evidence: 'Fixed' },
        cm(),
      );
    });

    it('approving a settlement that is already approved or paid, and paying one twice', async () => {
      const contractId = byStatus('active');
      const contract = (await t.http.get(`/contracts/${contractId}`).set(admin()).expect(200)).body as {
        settlements: Record<string, { period: string; status: string; net: { amountMinor: number } }>;
      };
      const paid = Object.values(contract.settlements).find((settlement) => settlement.status === 'paid')!;
      await expectRefused(
        `/contracts/${contractId}/settlements/${paid.period}/approve`,
        undefined,
        t.as('edge.approver', 'approver'),
        /already/,
      );
      await expectRefused(
        `/contracts/${contractId}/settlements/${paid.period}/payments`,
        { amount: paid.net, paymentRef: 'PAY-AGAIN' },
        cm(),
        /already_paid/,
      );
    });

    it('reinstating a provider that is active', async () => {
      const providerId = contracts.find((contract) => contract.status === 'active')!.providerId;
      await expectRefused(
        `/providers/${providerId}/reinstate`,
        { reason: 'Appeal' },
        t.as('edge.procurement', 'procurement'),
      );
    });

    it('approving a plan of a unit that has none, and completing a charge-back that is not one', async () => {
      const units = (await t.http.get('/views/units').query({ stage: 'in_house', limit: 1 }).set(admin()).expect(200))
        .body.items as Array<{ unitId: string }>;
      await expectRefused(
        `/service-units/${units[0].unitId}/plan/approve`,
        undefined,
        t.as('edge.approver', 'approver'),
      );
      await expectRefused(
        `/service-units/${units[0].unitId}/charge-back/complete`,
        undefined,
        t.as('edge.office', 'reform_office'),
      );
    });
  });
});
