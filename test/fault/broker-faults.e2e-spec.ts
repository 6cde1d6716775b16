import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, type Admin, type Message, type Producer } from 'kafkajs';
import { serviceUnitStreamId } from '@spinout/domain';
import type { SqlDatabase } from '@spinout/event-store';
import { CE_TYPES, DEFAULT_TOPICS, KAFKA_RELAY, toBinaryHeaders } from '@spinout/messaging';
import { SQL_DATABASE } from '../../apps/api/src/database/database.tokens';
import { failInsertsInto } from '../kafka/consumer-resilience.support';
import { eventually } from '../support/eventually';
import {
  type KafkaTestApp,
  registerProvider,
  sendTenderOutcome,
  startKafkaApp,
  TestBroker,
  testKafka,
  TopicRecorder,
  unitInProcurement,
} from '../support/kafka';

/**
 * Fault tier against the real broker, with the API and every processor in one process on
 * PostgreSQL: the broker is frozen (SIGSTOP) for 30 s while commands flow, then killed
 * (SIGKILL) and started again on its storage. Commands keep answering and the views keep up
 * while the broker cannot; afterwards every event reaches its topic, and the consumer resumes
 * from the offsets it had committed. Then 1,000 malformed or poison messages over every
 * partition are each dead-lettered with a reason, and a valid award behind them on every
 * partition is applied — one of them only after a write failure that leaves it stuck for a while,
 * which health reports as degraded until it clears.
 */
const TOPIC = DEFAULT_TOPICS.procurementRequests;
const FREEZE_MS = 30_000;
const broker = new TestBroker(19700);
let t: KafkaTestApp;
let producer: Producer;
let admin: Admin;

interface ProcessorStatus {
  name: string;
  lag: number;
  parked: number;
  state: string;
}
const statuses = async () =>
  (await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200)).body.processors as ProcessorStatus[];
const office = () => t.as('fault.office', 'reform_office');

/** Units with approved plans, ready for a procurement request (which the relay publishes). */
async function unitsReady(count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const unit = await t.http
      .post('/service-units')
      .set(office())
      .send({
        agency: 'Broker Fault Office',
        name: `${prefix} ${i}`,
        category: 'cleaning',
        establishmentHeadcount: 2,
        annualCostBaseline: { amountMinor: 3_000_000 },
        assets: [],
      })
      .expect(201);
    await t.http
      .post(`/service-units/${unit.body.id}/plan`)
      .set(office())
      .send({
        mode: 'outsource',
        managementFunctionsKept: ['oversight'],
        rationale: 'Contract it',
        targetAnnualCost: { amountMinor: 2_500_000 },
        targetDate: '2026-01-01',
      })
      .expect(201);
    await t.http
      .post(`/service-units/${unit.body.id}/plan/approve`)
      .set(t.as('fault.approver', 'approver'))
      .expect(200);
    ids.push(unit.body.id);
  }
  return ids;
}

const requestProcurement = (unitId: string) =>
  t.http
    .post(`/service-units/${unitId}/procurement`)
    .set(office())
    .send({
      procurementId: `ocds-spnout-flt-${unitId.slice(0, 8)}`,
      estimatedValue: { amountMinor: 9_000_000 },
      description: 'Cleaning, 2 years',
    });

async function allOnTopic(recorder: TopicRecorder, unitIds: string[]): Promise<void> {
  await eventually(
    async () => {
      const seen = new Set(recorder.on(TOPIC).map((message) => message.key));
      expect(unitIds.filter((id) => !seen.has(id))).toEqual([]);
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
}

beforeAll(async () => {
  const bootstrap = await broker.start();
  t = await startKafkaApp('postgres', [bootstrap]);
  await t.messaging.runtime.consumer.ready();
  producer = testKafka(bootstrap).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  admin = testKafka(bootstrap).admin();
  await admin.connect();
}, 180_000);

afterAll(async () => {
  await admin?.disconnect();
  await producer?.disconnect();
  await t?.close();
  await broker.stop();
}, 120_000);

it('keeps answering commands and keeps the views current while the broker is frozen for 30 s, and publishes everything after', async () => {
  const recorder = await new TopicRecorder(testKafka(broker.bootstrap), [TOPIC]).start();
  const units = await unitsReady(30, 'Frozen');
  await eventually(
    async () => expect((await statuses()).find((s) => s.name === KAFKA_RELAY)).toMatchObject({ lag: 0 }),
    { timeoutMs: 30_000 },
  );
  await recorder.stop();

  broker.signal('SIGSTOP');
  const frozenAt = Date.now();
  const worstProjectionLag: number[] = [];
  try {
    for (const [i, unitId] of units.entries()) {
      const response = await requestProcurement(unitId);
      expect([unitId, response.status]).toEqual([unitId, 201]);
      if (i % 5 === 4)
        worstProjectionLag.push(
          Math.max(...(await statuses()).filter((s) => s.name.startsWith('projection:')).map((s) => s.lag)),
        );
      await new Promise((resolve) => setTimeout(resolve, (FREEZE_MS - 5_000) / units.length));
    }
    // Every request is already in the units view while the broker is still frozen…
    await eventually(
      async () => {
        const inProcurement = (
          await t.http.get('/views/units').query({ stage: 'procurement', limit: 200 }).set(office()).expect(200)
        ).body.items as Array<{ unitId: string }>;
        const seen = new Set(inProcurement.map((unit) => unit.unitId));
        expect(units.filter((id) => !seen.has(id))).toEqual([]);
      },
      { timeoutMs: 5_000, intervalMs: 100 },
    );
    // …and the relay's stall shows as lag, not as a healthy zero.
    const relay = (await statuses()).find((s) => s.name === KAFKA_RELAY)!;
    expect(relay.lag).toBeGreaterThanOrEqual(units.length);
  } finally {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, FREEZE_MS - (Date.now() - frozenAt))));
    broker.signal('SIGCONT');
  }
  expect(Math.max(...worstProjectionLag)).toBeLessThanOrEqual(5);

  const after = await new TopicRecorder(testKafka(broker.bootstrap), [TOPIC]).start();
  await allOnTopic(after, units);
  await eventually(
    async () => expect((await statuses()).find((s) => s.name === KAFKA_RELAY)).toMatchObject({ lag: 0, parked: 0 }),
    { timeoutMs: 60_000 },
  );
  await after.stop();
  process.stdout.write(
    `broker frozen ${FREEZE_MS / 1000} s: ${units.length} commands answered 201, worst projection lag ${Math.max(...worstProjectionLag)}, all ${units.length} published after SIGCONT\n`,
  );
}, 300_000);

it('loses no outbound event when the broker is killed, and resumes inbound from the committed offsets after it restarts', async () => {
  const providerId = await registerProvider(t);
  const award = (unitId: string, ocid: string) => ({
    unitId,
    ocid,
    awardId: `award-${ocid}`,
    providerId,
    value: { amountMinor: 24 * 400_000, currency: 'CNY' },
    contractPeriod: { start: '2026-01-01', end: '2027-12-31' },
  });
  const awardedBefore: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const ocid = `ocds-spnout-kb-${i}-${randomUUID().slice(0, 6)}`;
    const unitId = await unitInProcurement(t, ocid);
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      id: randomUUID(),
      type: CE_TYPES.awardDecided,
      body: award(unitId, ocid),
    });
    awardedBefore.push(unitId);
  }
  await eventually(
    async () => {
      for (const unitId of awardedBefore)
        expect((await t.http.get(`/service-units/${unitId}`).set(office()).expect(200)).body.stage).toBe('awarded');
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  const committed = async () =>
    (await admin.fetchOffsets({ groupId: 'spinout', topics: [DEFAULT_TOPICS.tenderOutcomes] }))[0].partitions.reduce(
      (sum, p) => sum + Math.max(0, Number(p.offset)),
      0,
    );
  await eventually(async () => expect(await committed()).toBeGreaterThanOrEqual(3), { timeoutMs: 30_000 });
  const offsetsBefore = await committed();

  const units = await unitsReady(10, 'Killed');
  broker.signal('SIGKILL');
  for (const unitId of units) expect((await requestProcurement(unitId)).status).toBe(201);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await broker.start({ keep: true });

  const recorder = await new TopicRecorder(testKafka(broker.bootstrap), [TOPIC]).start();
  await allOnTopic(recorder, units);
  await recorder.stop();

  await producer.disconnect();
  producer = testKafka(broker.bootstrap).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const ocid = `ocds-spnout-kb-after-${randomUUID().slice(0, 6)}`;
  const unitId = await unitInProcurement(t, ocid);
  await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
    id: randomUUID(),
    type: CE_TYPES.awardDecided,
    body: award(unitId, ocid),
  });
  await eventually(
    async () =>
      expect((await t.http.get(`/service-units/${unitId}`).set(office()).expect(200)).body.stage).toBe('awarded'),
    { timeoutMs: 90_000, intervalMs: 250 },
  );
  // Resumed where it was: the group's offsets moved on by the one new message, not back to the start.
  await eventually(async () => expect(await committed()).toBe(offsetsBefore + 1), { timeoutMs: 30_000 });
  process.stdout.write(
    `broker killed: ${units.length} events published after the restart, consumer offsets ${offsetsBefore} → ${offsetsBefore + 1}\n`,
  );
}, 300_000);

it('dead-letters 1,000 poison messages over every partition with reasons, and applies the valid award behind them on each', async () => {
  const POISON = 1000;
  const PARTITIONS = 3;
  const topic = DEFAULT_TOPICS.tenderOutcomes;
  const limit = await maxMessageBytes(topic);
  const random = seeded(20261202);
  const providerId = await registerProvider(t);
  const unknownUnit = () => randomUUID();
  const award = (unitId: string, ocid: string) => ({
    unitId,
    ocid,
    awardId: `award-${ocid}`,
    providerId,
    value: { amountMinor: 9_600_000, currency: 'CNY' },
    contractPeriod: { start: '2026-01-01', end: '2027-12-31' },
  });
  const headers = (id: string, extra: { time?: string; source?: string } = {}) =>
    toBinaryHeaders({
      id,
      type: CE_TYPES.awardDecided,
      source: extra.source ?? '/procurement',
      specversion: '1.0',
      time: extra.time ?? new Date().toISOString(),
    });
  const reusedId = randomUUID();
  const kinds: Array<(i: number) => Message> = [
    (i) => ({
      key: `poison-${i}`,
      value: Buffer.from(Array.from({ length: 64 + (i % 200) }, () => Math.floor(random() * 256))),
      headers: headers(randomUUID()),
    }),
    (i) => ({
      key: `poison-${i}`,
      value: JSON.stringify(award(unknownUnit(), `ocds-spnout-p${i}`)).slice(0, 20 + (i % 60)),
      headers: headers(randomUUID()),
    }),
    (i) => ({ key: `poison-${i}`, value: JSON.stringify(award(unknownUnit(), `ocds-spnout-p${i}`)), headers: {} }),
    (i) => ({
      key: `poison-${i}`,
      value: JSON.stringify({ ...award(unknownUnit(), `ocds-spnout-p${i}`), awardId: `award\u0000${i}` }),
      headers: headers(randomUUID()),
    }),
    (i) => ({
      key: `poison-${i}`,
      value: JSON.stringify(award(unknownUnit(), `ocds-spnout-p${i}`)),
      headers: headers(reusedId, { source: `/procurement/mirror-${i}` }),
    }),
    (i) => ({
      key: `poison-${i}`,
      value: JSON.stringify(award(unknownUnit(), `ocds-spnout-p${i}`)),
      headers: headers(randomUUID(), { time: new Date(Date.now() + 365 * 86_400_000).toISOString() }),
    }),
  ];
  const messages = Array.from({ length: POISON }, (_, i) => ({
    ...kinds[i % kinds.length](i),
    partition: i % PARTITIONS,
  }));
  // Values near the broker's size limit: one on every partition.
  for (let p = 0; p < PARTITIONS; p += 1) {
    messages[messages.length - 1 - p] = {
      key: `poison-big-${p}`,
      value: `{"unitId":"${unknownUnit()}","ocid":"ocds-spnout-big","reason":"${'x'.repeat(limit - 8192)}"}`,
      headers: headers(randomUUID()),
      partition: p,
    };
  }
  const deadLetters = await new TopicRecorder(testKafka(broker.bootstrap), [
    DEFAULT_TOPICS.tenderOutcomesDeadLetter,
  ]).start();
  // The small ones in batches; each near-limit one alone, since a request may not exceed the limit either.
  const small = messages.slice(0, messages.length - PARTITIONS);
  for (let from = 0; from < small.length; from += 100)
    await producer.send({ topic, acks: -1, messages: small.slice(from, from + 100) });
  for (const big of messages.slice(messages.length - PARTITIONS))
    await producer.send({ topic, acks: -1, messages: [big] });

  // Behind the poison, one valid award on every partition; the first unit's writes fail for a while.
  const units: Array<{ unitId: string; ocid: string }> = [];
  for (let p = 0; p < PARTITIONS; p += 1) {
    const ocid = `ocds-spnout-valid-${p}-${randomUUID().slice(0, 6)}`;
    units.push({ unitId: await unitInProcurement(t, ocid), ocid });
  }
  const outage = await failInsertsInto(t.app.get<SqlDatabase>(SQL_DATABASE), serviceUnitStreamId(units[0].unitId));
  try {
    for (const [p, unit] of units.entries()) {
      await producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: unit.ocid,
            value: JSON.stringify(award(unit.unitId, unit.ocid)),
            headers: headers(randomUUID()),
            partition: p,
          },
        ],
      });
    }
    await eventually(
      async () => {
        const details = (await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200)).body;
        expect(details.status).toBe('degraded');
        for (const unit of units.slice(1))
          expect((await t.http.get(`/service-units/${unit.unitId}`).set(office()).expect(200)).body.stage).toBe(
            'awarded',
          );
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
  } finally {
    await outage.end();
  }
  await eventually(
    async () => {
      expect((await t.http.get(`/service-units/${units[0].unitId}`).set(office()).expect(200)).body.stage).toBe(
        'awarded',
      );
      expect((await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200)).body.status).toBe('ok');
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );

  await eventually(
    async () => {
      const lettered = deadLetters
        .on(DEFAULT_TOPICS.tenderOutcomesDeadLetter)
        .filter((m) => m.key?.startsWith('poison-'));
      expect(lettered.length).toBe(POISON);
      expect(lettered.filter((m) => !m.headers.dlt_error_code || !m.headers.dlt_reason)).toEqual([]);
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  const codes = new Map<string, number>();
  for (const m of deadLetters.on(DEFAULT_TOPICS.tenderOutcomesDeadLetter).filter((m) => m.key?.startsWith('poison-'))) {
    codes.set(m.headers.dlt_error_code, (codes.get(m.headers.dlt_error_code) ?? 0) + 1);
  }
  await deadLetters.stop();
  process.stdout.write(
    `poison: ${POISON} messages over ${PARTITIONS} partitions dead-lettered (${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}); ${units.length} valid awards applied\n`,
  );
}, 300_000);

async function maxMessageBytes(topic: string): Promise<number> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
  });
  return Number(
    described.resources[0].configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue,
  );
}

/** A small deterministic PRNG (mulberry32), so the random bytes are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
