import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bearer, TEST_JWT_SECRET } from '../support/app';
import { readExposition } from '../support/prometheus';
import { createTestSqliteFile } from '../support/sqlite';
import { freePort } from '../fault/support/throwaway-postgres';

/**
 * The API as operators see it, started as `npm start` starts it (its entry point in a process of
 * its own, standard output a pipe, LOG_FORMAT unset) on SQLite: every line it writes is one JSON
 * object; each request gets one line with its route pattern, status, duration, actor and
 * correlation id, and nothing of its token or body; every answer, refusals included, carries
 * X-Correlation-Id, which the events record; /metrics is valid Prometheus text.
 */
const ROOT = join(__dirname, '..', '..');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const office = bearer('obs.office', 'reform_office');
const operator = bearer('obs.ops', 'operator');
const BODY_MARKER = `body-marker-${randomUUID()}`;

type Line = Record<string, unknown>;

const unit = (name: string) => ({
  agency: 'Observability Office',
  name,
  category: 'canteen',
  establishmentHeadcount: 3,
  annualCostBaseline: { amountMinor: 1_000_000 },
  assets: [],
});

describe('logs, correlation ids and metrics of a running API', () => {
  const database = createTestSqliteFile();
  let child: ChildProcess;
  let url: string;
  let stdout = '';
  let stderr = '';
  let lines: Line[] = [];

  const send = (
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string | Buffer } = {},
  ) => fetch(`${url}${path}`, { method, headers: init.headers, body: init.body });
  const json = (correlationId: string | null, headers: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    ...headers,
    ...(correlationId === null ? {} : { 'x-correlation-id': correlationId }),
  });
  const requestLines = () => lines.filter((line) => line.context === 'HTTP' && typeof line.method === 'string');
  const lineOf = (correlationId: string) => requestLines().filter((line) => line.correlationId === correlationId);

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TS_NODE_TRANSPILE_ONLY: '1',
      PORT: String(port),
      DATABASE_URL: `sqlite:${database.path}`,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'log',
      PROCESSOR_POLL_MS: '50',
    };
    delete env.LOG_FORMAT;
    delete env.KAFKA_BROKERS;
    child = spawn(
      process.execPath,
      ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode}:\n${stdout}\n${stderr}`);
      if (
        await fetch(`${url}/health`).then(
          (response) => response.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`The API did not answer /health within 90 s:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    database.remove();
  });

  it("carries the caller's correlation id from the request to the response and the events, and makes one when none or a bad one is sent", async () => {
    const sent = `obs-${randomUUID()}`;
    const given = await send('POST', '/service-units', {
      headers: json(sent, office),
      body: JSON.stringify(unit(`Canteen ${BODY_MARKER}`)),
    });
    expect(given.status).toBe(201);
    expect(given.headers.get('x-correlation-id')).toBe(sent);

    const none = await send('POST', '/service-units', {
      headers: json(null, office),
      body: JSON.stringify(unit('Canteen without id')),
    });
    const bad = await send('POST', '/service-units', {
      headers: json('two words', office),
      body: JSON.stringify(unit('Canteen with a bad id')),
    });
    for (const [response, expected] of [
      [given, sent],
      [none, UUID],
      [bad, UUID],
    ] as const) {
      const correlationId = response.headers.get('x-correlation-id') ?? '';
      expect(correlationId).toMatch(expected);
      const { id } = (await response.json()) as { id: string };
      const history = await send('GET', `/service-units/${id}/history`, {
        headers: { ...office, 'x-correlation-id': `history-${id}` },
      });
      const events = ((await history.json()) as { events: Array<{ correlationId: string }> }).events;
      expect(events.map((event) => event.correlationId)).toEqual([correlationId]);
    }
  });

  it('answers every refusal with a correlation id too', async () => {
    const unitId = (
      (await (
        await send('POST', '/service-units', {
          headers: json('obs-setup', office),
          body: JSON.stringify(unit('Canteen for refusals')),
        })
      ).json()) as { id: string }
    ).id;
    const refusals: Array<[string, number, Promise<Response>]> = [
      [
        'obs-400',
        400,
        send('POST', `/service-units/${unitId}/plan`, {
          headers: json('obs-400', office),
          body: '{"mode":"teleport"}',
        }),
      ],
      ['obs-401', 401, send('GET', `/service-units/${unitId}`, { headers: { 'x-correlation-id': 'obs-401' } })],
      [
        'obs-403',
        403,
        send('GET', '/metrics', { headers: { ...bearer('obs.viewer', 'viewer'), 'x-correlation-id': 'obs-403' } }),
      ],
      ['obs-404-route', 404, send('GET', '/no-such-route', { headers: { 'x-correlation-id': 'obs-404-route' } })],
      [
        'obs-404-id',
        404,
        send('GET', `/service-units/${randomUUID()}`, { headers: { ...office, 'x-correlation-id': 'obs-404-id' } }),
      ],
      [
        'obs-413',
        413,
        send('POST', '/service-units', {
          headers: json('obs-413', office),
          body: JSON.stringify({ ...unit('x'), padding: 'p'.repeat(2 * 1024 * 1024) }),
        }),
      ],
      [
        'obs-415',
        415,
        send('POST', '/service-units', {
          headers: { ...office, 'content-type': 'text/plain', 'x-correlation-id': 'obs-415' },
          body: 'plain text',
        }),
      ],
    ];
    for (const [correlationId, status, pending] of refusals) {
      const response = await pending;
      expect([correlationId, response.status, response.headers.get('content-type')]).toEqual([
        correlationId,
        status,
        expect.stringContaining('application/problem+json'),
      ]);
      expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    }
  });

  it("serves /metrics as valid Prometheus text: request durations by route and status, Node's process and event loop, the processors", async () => {
    const response = await send('GET', '/metrics', { headers: { ...operator, 'x-correlation-id': 'obs-metrics' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const { families, problems } = await readExposition(await response.text());
    expect(problems).toEqual([]);
    const requests = families.http_request_duration_seconds;
    expect(requests?.type).toBe('histogram');
    expect(requests?.data.map((sample) => sample.labels)).toEqual(
      expect.arrayContaining([
        { method: 'POST', route: '/service-units', status: '201' },
        { method: 'POST', route: '/service-units/{id}/plan', status: '400' },
        { method: 'GET', route: '/service-units/{id}', status: '401' },
        { method: 'GET', route: 'unmatched', status: '404' },
        { method: 'POST', route: '/service-units', status: '413' },
      ]),
    );
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(families[name]).toBeDefined();
    expect(families.spinout_processor_lag?.data.map((sample) => sample.labels.processor)).toEqual(
      expect.arrayContaining(['projection:units', 'projection:audit-trail']),
    );
  });

  it('wrote every line as a JSON object, one per request with its route pattern, status, duration, actor and correlation id, and no token or body', async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const written = stdout.split('\n').filter((line) => line !== '');
    expect(written.length).toBeGreaterThan(10);
    lines = written.map((line) => {
      try {
        return JSON.parse(line) as Line;
      } catch {
        throw new Error(`Not a JSON line: ${line}`);
      }
    });
    for (const line of lines) {
      expect(line).toEqual(
        expect.objectContaining({
          time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          level: expect.stringMatching(/^(fatal|error|warn|info|debug|trace)$/),
          msg: expect.any(String),
        }),
      );
    }
    expect(stdout).not.toMatch(/\x1b\[/);
    expect(stdout).not.toContain(office.Authorization.slice('Bearer '.length));
    expect(stdout).not.toContain('Bearer');
    expect(stdout).not.toContain(BODY_MARKER);
    expect(stdout).not.toContain(TEST_JWT_SECRET);

    for (const line of requestLines()) {
      expect(line).toEqual(
        expect.objectContaining({
          level: expect.stringMatching(/^(info|error)$/),
          status: expect.any(Number),
          durationMs: expect.any(Number),
          correlationId: expect.any(String),
        }),
      );
      expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
    }
    const expected: Array<[string, Line]> = [
      ['obs-400', { method: 'POST', route: '/service-units/{id}/plan', status: 400, actor: 'obs.office' }],
      ['obs-401', { method: 'GET', route: '/service-units/{id}', status: 401 }],
      ['obs-403', { method: 'GET', route: '/metrics', status: 403, actor: 'obs.viewer' }],
      ['obs-404-route', { method: 'GET', route: null, status: 404 }],
      ['obs-404-id', { method: 'GET', route: '/service-units/{id}', status: 404, actor: 'obs.office' }],
      ['obs-413', { method: 'POST', route: '/service-units', status: 413 }],
      ['obs-415', { method: 'POST', route: '/service-units', status: 415 }],
      ['obs-metrics', { method: 'GET', route: '/metrics', status: 200, actor: 'obs.ops' }],
    ];
    for (const [correlationId, fields] of expected) {
      expect([correlationId, lineOf(correlationId)]).toEqual([
        correlationId,
        [expect.objectContaining({ ...fields, correlationId })],
      ]);
    }
    // Refused before authentication: no actor.
    expect(lineOf('obs-401')[0]).not.toHaveProperty('actor');
    // Every request the test made was logged, generated ids included, with its route pattern and never the raw path.
    const registered = requestLines().filter(
      (line) => line.method === 'POST' && line.route === '/service-units' && line.status === 201,
    );
    expect(registered.length).toBe(4);
    expect(registered.filter((line) => UUID.test(line.correlationId as string))).toHaveLength(2);
    expect(requestLines().filter((line) => line.route === '/health').length).toBeGreaterThanOrEqual(1);
    expect(requestLines().some((line) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(String(line.route)))).toBe(false);
  }, 60_000);
});
