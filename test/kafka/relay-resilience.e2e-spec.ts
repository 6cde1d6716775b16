import type { INestApplicationContext } from '@nestjs/common';
import { DEFAULT_TOPICS, KAFKA_RELAY, MessagingService } from '@spinout/messaging';
import { startWorker } from '../../apps/worker/src/main';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { TestBroker, testKafka, TopicRecorder, unitInProcurement } from '../support/kafka';

/**
 * The relay as it runs in production: an API replica that hosts no processors, and two worker
 * processes on one PostgreSQL database. The lease makes one relay active; the broker goes away
 * mid-flow and comes back with its storage, and no event is lost.
 */
const TOPIC = DEFAULT_TOPICS.procurementRequests;
const broker = new TestBroker(19500);
let api: TestApp;
const workers: INestApplicationContext[] = [];

const relayOf = (worker: INestApplicationContext) => worker.get(MessagingService).runtime;
const relayStatus = async (worker: INestApplicationContext) =>
  (await relayOf(worker).statuses()).find((s) => s.name === KAFKA_RELAY);

async function record(): Promise<TopicRecorder> {
  return new TopicRecorder(testKafka(broker.bootstrap), [TOPIC]).start();
}

async function unitsOnTopic(recorder: TopicRecorder, unitIds: string[]): Promise<void> {
  await eventually(
    async () => {
      const seen = new Set(recorder.on(TOPIC).map((m) => m.key));
      const missing = unitIds.filter((id) => !seen.has(id));
      if (missing.length > 0)
        throw new Error(`${missing.length} of ${unitIds.length} procurement requests not on ${TOPIC} yet`);
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
}

beforeAll(async () => {
  await broker.start();
  api = await startTestApp('postgres', { runProcessors: false });
  for (const clientId of ['worker-1', 'worker-2']) {
    workers.push(
      await startWorker({
        databaseUrl: api.databaseUrl,
        kafkaBrokers: [broker.bootstrap],
        kafkaClientId: clientId,
        kafkaGroupId: 'spinout',
        processorPollMs: 50,
        processorBatchIntervalMs: 20,
        logLevel: 'error',
      }),
    );
  }
}, 120_000);

afterAll(async () => {
  // Together, so neither consumer waits in a rebalance for the other to leave.
  await Promise.all(workers.map((worker) => worker.close()));
  await api?.close();
  await broker.stop();
}, 60_000);

it('publishes each event once with two workers, and loses none while the broker is down', async () => {
  let recorder = await record();
  const before = [];
  for (let i = 0; i < 8; i += 1) before.push(await unitInProcurement(api, `ocds-spnout-rs-a${i}`));
  await unitsOnTopic(recorder, before);

  // Exactly one relay is active; the other stands by. In normal operation nothing is published twice.
  const states = await Promise.all(workers.map(async (worker) => (await relayStatus(worker))?.state));
  expect(states.sort()).toEqual(['active', 'standby']);
  const ids = recorder.on(TOPIC).map((m) => m.headers.ce_id);
  expect(new Set(ids).size).toBe(ids.length);
  await recorder.stop();

  await broker.stop();
  const during = [];
  for (let i = 0; i < 8; i += 1) during.push(await unitInProcurement(api, `ocds-spnout-rs-b${i}`));
  // The relay keeps retrying the batch: its checkpoint stays put and nothing is parked.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const stalled = workers.map((w) => relayStatus(w));
  for (const status of await Promise.all(stalled)) expect(status).toMatchObject({ parked: 0 });
  expect(Math.max(...(await Promise.all(stalled)).map((s) => s?.lag ?? 0))).toBeGreaterThanOrEqual(8);

  await broker.start({ keep: true });
  recorder = await record();
  const after = [];
  for (let i = 0; i < 3; i += 1) after.push(await unitInProcurement(api, `ocds-spnout-rs-c${i}`));
  await unitsOnTopic(recorder, [...before, ...during, ...after]);
  await eventually(async () => {
    for (const worker of workers) expect(await relayStatus(worker)).toMatchObject({ lag: 0, parked: 0 });
  });
  await recorder.stop();
}, 120_000);
