import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, type Admin, type Kafka, type Producer } from 'kafkajs';
import { streamIdOf } from '@spinout/domain';
import type { EventStore, SqlDatabase } from '@spinout/event-store';
import {
  CE_TYPES,
  DEFAULT_TOPICS,
  TENDER_OUTCOMES_CONSUMER,
  TenderOutcomeConsumer,
  TRUNCATED_COPY,
  type ConsumerStatus,
  type TopicNames,
} from '@spinout/messaging';
import { EVENT_STORE, SQL_DATABASE } from '../../apps/api/src/database/database.tokens';
import { DIALECTS, type Dialect } from '../support/app';
import { eventually } from '../support/eventually';
import {
  AsyncApiChecker,
  registerProvider,
  startKafkaApp,
  TestBroker,
  testKafka,
  TopicRecorder,
  unitInProcurement,
  type KafkaTestApp,
} from '../support/kafka';
import {
  awardBody,
  failInsertsInto,
  outcomeRecord,
  StreamOutage,
  type OutcomeRecord,
} from './consumer-resilience.support';

/**
 * The tender-outcomes consumer against a real broker, with the API in one process: messages that
 * can never succeed are dead-lettered with their reason, a database that fails for a while is
 * waited for, and neither holds up the valid awards behind them on their partition or beside
 * them on another. Every wait is bounded (`eventually`); nothing here measures time.
 */
const broker = new TestBroker(19700);
const WAIT = { timeoutMs: 40_000, intervalMs: 100 };
const checker = new AsyncApiChecker();
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let recorder: TopicRecorder;

const topicsOf = (dialect: Dialect): TopicNames => {
  const tenderOutcomes = `${DEFAULT_TOPICS.tenderOutcomes}.resilience-${dialect}`;
  return { ...DEFAULT_TOPICS, tenderOutcomes, tenderOutcomesDeadLetter: `${tenderOutcomes}.dlt` };
};

beforeAll(async () => {
  const bootstrap = await broker.start();
  kafka = testKafka(bootstrap, 'resilience-test');
  admin = kafka.admin();
  await admin.connect();
  // Every topic exists with three partitions before anyone subscribes, so each test can aim at a partition.
  const topics = DIALECTS.flatMap((d) => [
    topicsOf(d).tenderOutcomes,
    topicsOf(d).tenderOutcomesDeadLetter,
    `resilience-probe-${d}`,
  ]);
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  recorder = await new TopicRecorder(
    kafka,
    DIALECTS.map((d) => topicsOf(d).tenderOutcomesDeadLetter),
  ).start();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await recorder?.stop();
  await admin?.disconnect();
  await broker.stop();
}, 60_000);

describe.each(DIALECTS)('tender-outcomes consumer on %s', (dialect) => {
  const topics = topicsOf(dialect);
  const logLines: string[] = [];
  let t: KafkaTestApp;

  beforeAll(async () => {
    const capture = (line: string) => void logLines.push(line);
    t = await startKafkaApp(dialect, [broker.bootstrap], {
      topics,
      groupId: `resilience-${dialect}`,
      // A short backoff and a budget no test exhausts (budgets have their own test below).
      consumer: {
        retry: { initialDelayMs: 100, maxDelayMs: 500, maxAttempts: 10_000 },
        partitionsConsumedConcurrently: 3,
      },
      logger: { log: capture, warn: capture, error: capture, debug: capture },
    });
    await t.messaging.runtime.consumer.ready();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const office = () => t.as('li.office', 'reform_office');
  const ocid = () => `ocds-spnout-${dialect.slice(0, 2)}-${randomUUID().slice(0, 8)}`;
  const send = (partition: number, record: OutcomeRecord) =>
    producer.send({ topic: topics.tenderOutcomes, acks: -1, messages: [{ ...outcomeRecord(record), partition }] });
  const stage = async (unitId: string) =>
    (await t.http.get(`/service-units/${unitId}`).set(office()).expect(200)).body.stage as string;
  const deadLetter = (ceId: string) =>
    eventually(async () => {
      const found = recorder.on(topics.tenderOutcomesDeadLetter).find((m) => m.headers.ce_id === ceId);
      if (!found) throw new Error(`no dead letter for ${ceId} yet`);
      return found;
    }, WAIT);
  const details = async (): Promise<{ status: string; consumers: ConsumerStatus[] }> =>
    (await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200)).body;

  /** A unit in procurement and an eligible provider: a valid award waiting to be sent. */
  async function validAward(): Promise<{ unitId: string; body: ReturnType<typeof awardBody> }> {
    const tender = ocid();
    const [providerId, unitId] = await Promise.all([registerProvider(t), unitInProcurement(t, tender)]);
    return { unitId, body: awardBody(unitId, tender, providerId) };
  }

  /** Valid awards sent after the trouble: one behind it on its partition, one on another partition. */
  async function neighbours(partition: number) {
    const [behind, beside] = await Promise.all([validAward(), validAward()]);
    await send(partition, { id: randomUUID(), type: CE_TYPES.awardDecided, body: behind.body });
    await send((partition + 1) % 3, { id: randomUUID(), type: CE_TYPES.awardDecided, body: beside.body });
    return {
      behind: behind.unitId,
      beside: beside.unitId,
      applied: () =>
        eventually(async () => {
          expect(await stage(beside.unitId)).toBe('awarded');
          expect(await stage(behind.unitId)).toBe('awarded');
        }, WAIT),
    };
  }

  it('dead-letters an award whose awardId holds a NUL before it reaches the database, and logs what it carried escaped', async () => {
    const bad = await validAward();
    const [nul, forged] = [randomUUID(), randomUUID()];
    await send(0, { id: nul, type: CE_TYPES.awardDecided, body: { ...bad.body, awardId: 'award-\u0000-1' } });
    await send(0, {
      id: forged,
      type: 'gov.procurement.award.decided.v1\n[Nest] 1 - LOG [Kafka] all awards applied',
      body: bad.body,
    });
    const after = await neighbours(0);

    await after.applied();
    expect((await deadLetter(nul)).headers).toMatchObject({
      dlt_error_code: 'unsafe_input',
      dlt_reason: expect.stringMatching(/awardId contains a NUL character/),
      dlt_attempts: '1',
    });
    expect((await deadLetter(forged)).headers).toMatchObject({ dlt_error_code: 'unknown_type' });
    expect(checker.deadLetterProblems(await deadLetter(nul))).toEqual([]);
    expect(await stage(bad.unitId)).toBe('procurement');

    const lines = logLines.filter(
      (line) => line.includes(nul) || line.includes(forged) || line.includes('all awards applied'),
    );
    expect(lines.join('\n')).toMatch(/\\u0000|\\n\[Nest\]/);
    for (const line of lines) expect(line).not.toMatch(/[\u0000\n\r]/);
  });

  it("takes the same ce_id from two sources as two messages, and refuses the second source's other award for the first unit", async () => {
    const [east, west] = await Promise.all([validAward(), validAward()]);
    const id = randomUUID();
    await send(1, { id, source: '/procurement/east', type: CE_TYPES.awardDecided, body: east.body });
    await send(1, { id, source: '/procurement/west', type: CE_TYPES.awardDecided, body: west.body });
    await send(1, {
      id,
      source: '/procurement/west',
      type: CE_TYPES.awardDecided,
      body: { ...east.body, awardId: 'award-other' },
    });
    const after = await neighbours(1);

    await after.applied();
    await eventually(
      async () => expect([await stage(east.unitId), await stage(west.unitId)]).toEqual(['awarded', 'awarded']),
      WAIT,
    );
    const letter = await deadLetter(id);
    expect(letter.headers).toMatchObject({ ce_source: '/procurement/west', dlt_error_code: 'procurement_not_open' });
    expect(recorder.on(topics.tenderOutcomesDeadLetter).filter((m) => m.headers.ce_id === id)).toHaveLength(1);
  });

  it("dead-letters a value just under the broker's size limit as a truncated copy with the reason, when the full copy is too large", async () => {
    const unitId = await unitInProcurement(t, ocid());
    const id = randomUUID();
    const record = (size: number): OutcomeRecord => ({
      id,
      type: CE_TYPES.tenderCancelled,
      time: '2026-01-01T00:00:00.000Z',
      key: 'ocds-spnout-size-limit',
      raw: cancellationOfSize(unitId, size),
    });
    const limit = await maxMessageBytes(admin, topics.tenderOutcomes);
    // The largest value the broker takes with these key and headers, found on a topic nobody reads.
    let [accepted, refused] = [limit - 4096, limit];
    while (refused - accepted > 1) {
      const size = Math.floor((accepted + refused) / 2);
      const taken = await producer
        .send({ topic: `resilience-probe-${dialect}`, acks: -1, messages: [outcomeRecord(record(size))] })
        .then(
          () => true,
          () => false,
        );
      if (taken) accepted = size;
      else refused = size;
    }
    await send(2, record(accepted));
    const after = await neighbours(2);

    await after.applied();
    const letter = await deadLetter(id);
    expect(letter.headers).toMatchObject({
      dlt_error_code: 'schema_violation',
      dlt_reason: expect.stringMatching(/reason must NOT have more than 2000 characters/),
      dlt_truncated: 'true',
      dlt_original_value_bytes: String(accepted),
      ce_type: CE_TYPES.tenderCancelled,
    });
    expect(letter.value).toBe(cancellationOfSize(unitId, accepted).slice(0, TRUNCATED_COPY.valueBytes));
    expect(checker.deadLetterProblems(letter)).toEqual([]);
    expect(await stage(unitId)).toBe('procurement');
  });

  it('decides with the time of receipt: a far-future ce_time is dead-lettered, and an award stamped in the past is recorded as received', async () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const tender = ocid();
    const [suspended, unitId] = await Promise.all([registerProvider(t), unitInProcurement(t, tender)]);
    await t.http
      .post(`/providers/${suspended}/suspend`)
      .set(t.as('zhao.procurement', 'procurement'))
      .send({ until: `${nextYear}-06-30`, reason: 'Food safety inspection failed' })
      .expect(200);
    const [ahead, now] = [randomUUID(), randomUUID()];
    const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString();
    await send(0, {
      id: ahead,
      type: CE_TYPES.awardDecided,
      time: yearAhead,
      body: awardBody(unitId, tender, suspended),
    });
    await send(0, { id: now, type: CE_TYPES.awardDecided, body: awardBody(unitId, tender, suspended) });
    const past = await validAward();
    const receivedFrom = new Date().toISOString();
    await send(1, { id: randomUUID(), type: CE_TYPES.awardDecided, time: '2024-05-01T08:00:00.000Z', body: past.body });
    const after = await neighbours(0);

    await after.applied();
    expect((await deadLetter(ahead)).headers).toMatchObject({
      dlt_error_code: 'clock_skew',
      dlt_reason: expect.stringMatching(/ahead of the time of receipt/),
    });
    expect((await deadLetter(now)).headers).toMatchObject({
      dlt_error_code: 'provider_not_eligible',
      dlt_reason: expect.stringMatching(/suspended until/),
    });
    expect(await stage(unitId)).toBe('procurement');

    await eventually(async () => expect(await stage(past.unitId)).toBe('awarded'), WAIT);
    const history = await t.http.get(`/service-units/${past.unitId}/history`).set(t.as('audit', 'auditor')).expect(200);
    // The history is a list of events, or (with stream verification) an object that holds them.
    const events: Array<{ type: string; occurredAt: string; data: { recordedAt: string } }> = Array.isArray(
      history.body,
    )
      ? history.body
      : history.body.events;
    const award = events.find((e) => e.type === 'AwardRecorded');
    if (!award) throw new Error('no AwardRecorded in the history');
    expect(award.data.recordedAt >= receivedFrom).toBe(true);
    expect(award.occurredAt).toBe(award.data.recordedAt);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await t.http.get(`/service-units/${past.unitId}/as-of?date=${today}`).set(office()).expect(200)).body.state,
    ).toMatchObject({ stage: 'awarded' });
  });

  it("waits for a database that refuses a unit's writes for a while: degraded and stuck meanwhile, the other partitions going on, then applied", async () => {
    const stuck = await validAward();
    const db = t.app.get<SqlDatabase>(SQL_DATABASE);
    const outage = await failInsertsInto(db, streamIdOf('serviceUnit', stuck.unitId));
    try {
      await send(2, { id: randomUUID(), type: CE_TYPES.awardDecided, body: stuck.body });
      const after = await neighbours(2);

      // The award on the next partition goes through while this one is stuck.
      await eventually(async () => expect(await stage(after.beside)).toBe('awarded'), WAIT);
      const health = await eventually(async () => {
        const body = await details();
        const consumer = body.consumers.find((c) => c.name === TENDER_OUTCOMES_CONSUMER);
        expect(body.status).toBe('degraded');
        expect(consumer).toMatchObject({ stuck: true, topic: topics.tenderOutcomes });
        const partition = consumer?.partitions.find((p) => p.partition === 2);
        expect(partition).toMatchObject({
          stuck: true,
          pending: { failures: expect.any(Number), deadLetterPending: false },
        });
        expect(partition?.pending?.failures).toBeGreaterThanOrEqual(2);
        expect(partition?.lag).toBeGreaterThanOrEqual(2);
        return body;
      }, WAIT);
      expect(health.consumers[0].partitions.find((p) => p.partition === 2)?.pending?.lastError).toMatch(/test outage/);
      expect([await stage(stuck.unitId), await stage(after.behind)]).toEqual(['procurement', 'procurement']);
      const metrics = (await t.http.get('/metrics').set(t.as('ops', 'operator')).expect(200)).text;
      expect(metrics).toMatch(
        new RegExp(
          `spinout_kafka_consumer_stuck\\{[^}]*topic="${escape(topics.tenderOutcomes)}"[^}]*partition="2"\\} 1`,
        ),
      );
      expect(metrics).toMatch(/spinout_kafka_consumer_retries_total\{[^}]*\} [1-9]/);

      await outage.end();
      await after.applied();
      expect(await stage(stuck.unitId)).toBe('awarded');
      await eventually(async () => {
        const body = await details();
        expect(body.status).toBe('ok');
        expect(body.consumers[0]).toMatchObject({ stuck: false });
        expect(body.consumers[0].partitions.every((p) => p.lag === 0)).toBe(true);
      }, WAIT);
    } finally {
      await outage.end();
    }
  });

  it('dead-letters a message whose transient failures outlast its retry budget, with the last error, and goes on with the next', async () => {
    const [failing, behind] = await Promise.all([validAward(), validAward()]);
    const own = {
      ...DEFAULT_TOPICS,
      tenderOutcomes: `${topics.tenderOutcomes}.budget`,
      tenderOutcomesDeadLetter: `${topics.tenderOutcomes}.budget.dlt`,
    };
    await admin.createTopics({ topics: [{ topic: own.tenderOutcomes, numPartitions: 1 }], waitForLeaders: true });
    const letters = await new TopicRecorder(kafka, [own.tenderOutcomesDeadLetter]).start();
    // No database probe: every failed try is charged.
    const store = new StreamOutage(t.app.get<EventStore>(EVENT_STORE), streamIdOf('serviceUnit', failing.unitId));
    const consumer = new TenderOutcomeConsumer({
      kafka,
      store,
      groupId: `budget-${dialect}`,
      topics: own,
      retry: { initialDelayMs: 50, maxDelayMs: 100, maxAttempts: 3 },
    });
    try {
      consumer.start();
      await consumer.ready();
      const id = randomUUID();
      await producer.send({
        topic: own.tenderOutcomes,
        acks: -1,
        messages: [outcomeRecord({ id, type: CE_TYPES.awardDecided, body: failing.body })],
      });
      await producer.send({
        topic: own.tenderOutcomes,
        acks: -1,
        messages: [outcomeRecord({ id: randomUUID(), type: CE_TYPES.awardDecided, body: behind.body })],
      });

      await eventually(async () => expect(await stage(behind.unitId)).toBe('awarded'), WAIT);
      const letter = await eventually(async () => {
        const found = letters.on(own.tenderOutcomesDeadLetter).find((m) => m.headers.ce_id === id);
        if (!found) throw new Error('no dead letter yet');
        return found;
      }, WAIT);
      expect(letter.headers).toMatchObject({
        dlt_error_code: 'retries_exhausted',
        dlt_attempts: '3',
        dlt_reason: expect.stringMatching(/gave up after 3 tries \(connection\): .*Connection terminated/),
      });
      expect(consumer.stats).toMatchObject({ retries: 2, applied: 1, deadLetteredByCode: { retries_exhausted: 1 } });
      expect(await stage(failing.unitId)).toBe('procurement');
      expect((await consumer.status()).stuck).toBe(false);
    } finally {
      await consumer.stop();
      await letters.stop();
    }
  });

  it('reports lag, retries and dead letters by reason in /metrics', async () => {
    const metrics = (await t.http.get('/metrics').set(t.as('ops', 'operator')).expect(200)).text;
    const labels = `consumer="${TENDER_OUTCOMES_CONSUMER}",topic="${topics.tenderOutcomes}",group="resilience-${dialect}"`;
    for (const partition of [0, 1, 2])
      expect(metrics).toContain(`spinout_kafka_consumer_lag{${labels},partition="${partition}"} 0`);
    for (const code of [
      'unsafe_input',
      'unknown_type',
      'procurement_not_open',
      'schema_violation',
      'clock_skew',
      'provider_not_eligible',
    ]) {
      expect(metrics).toContain(`spinout_kafka_consumer_dead_letters_total{${labels},code="${code}"} 1`);
    }
    expect(metrics).toContain(`spinout_kafka_consumer_dead_letters_truncated_total{${labels}} 1`);
    expect(metrics).toMatch(
      new RegExp(`spinout_kafka_consumer_messages_total\\{${escape(labels)},outcome="applied"\\} [1-9]`),
    );
    expect(metrics).toMatch(new RegExp(`spinout_kafka_consumer_retries_total\\{${escape(labels)}\\} [1-9]`));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A tender cancellation of exactly `size` bytes whose reason is far over the schema's 2000 characters. */
function cancellationOfSize(unitId: string, size: number): string {
  const head = `{"unitId":"${unitId}","ocid":"ocds-spnout-size-limit","reason":"`;
  return `${head}${'x'.repeat(size - head.length - 2)}"}`;
}

async function maxMessageBytes(admin: Admin, topic: string): Promise<number> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
  });
  const value = described.resources[0].configEntries.find(
    (entry) => entry.configName === 'max.message.bytes',
  )?.configValue;
  if (!value) throw new Error(`The broker did not say how large a message on ${topic} may be`);
  return Number(value);
}
