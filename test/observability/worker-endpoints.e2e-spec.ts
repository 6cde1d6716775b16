import type { INestApplicationContext } from '@nestjs/common';
import { startWorker } from '../../apps/worker/src/main';
import { WorkerEndpoints } from '../../apps/worker/src/worker-endpoints';
import { eventually } from '../support/eventually';
import { readExposition } from '../support/prometheus';
import { createTestSqliteFile } from '../support/sqlite';
import { freePort } from '../fault/support/throwaway-postgres';

/**
 * The worker has no HTTP API, but answers /health and /metrics on a port of its own, so a
 * processor that stalls in a worker shows as it would in the API.
 */
describe("the worker's /health and /metrics", () => {
  const database = createTestSqliteFile();
  let worker: INestApplicationContext;
  let running = false;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    worker = await startWorker({
      databaseUrl: `sqlite:${database.path}`,
      kafkaBrokers: [],
      kafkaClientId: 'spinout-worker-test',
      kafkaGroupId: 'spinout-test',
      processorPollMs: 50,
      processorBatchIntervalMs: 20,
      logLevel: 'warn',
      workerHttpPort: port,
    });
    running = true;
  }, 60_000);

  afterAll(async () => {
    if (running) await worker.close();
    database.remove();
  });

  it('says up while the database answers', async () => {
    const response = await fetch(`${url}/health`);
    expect([response.status, await response.json()]).toEqual([200, { status: 'up' }]);
    expect(worker.get(WorkerEndpoints).port).toBe(Number(new URL(url).port));
  });

  it("serves valid Prometheus text with every processor it hosts and Node's process series", async () => {
    const families = await eventually(async () => {
      const response = await fetch(`${url}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const read = await readExposition(await response.text());
      expect(read.problems).toEqual([]);
      expect(read.families.spinout_processor_active?.data).toEqual(
        expect.arrayContaining([
          { labels: { processor: 'projection:units' }, value: 1 },
          { labels: { processor: 'pm-award-to-contract' }, value: 1 },
        ]),
      );
      return read.families;
    });
    const names = Object.keys(families);
    expect(names).toEqual(
      expect.arrayContaining([
        'spinout_processor_lag',
        'spinout_processor_parked',
        'process_cpu_user_seconds_total',
        'nodejs_eventloop_lag_seconds',
      ]),
    );
    expect(names).not.toContain('http_request_duration_seconds');
  });

  it('answers anything else with 404 and other methods with 405', async () => {
    expect((await fetch(`${url}/health/details`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('stops listening when the worker stops', async () => {
    await worker.close();
    running = false;
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
