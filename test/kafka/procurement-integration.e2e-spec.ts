import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { EventStore } from '@spinout/event-store';
import { CE_TYPES, DEFAULT_TOPICS, KAFKA_RELAY, SCORECARD_PUBLISHER, TenderOutcomeConsumer } from '@spinout/messaging';
import { EVENT_STORE } from '../../apps/api/src/database/database.tokens';
import { contractIdForAward } from '@spinout/workflow';
import { DIALECTS } from '../support/app';
import { eventually } from '../support/eventually';
import {
  AsyncApiChecker,
  DatabaseOutage,
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
 * The procurement integration against a real Kafka broker, with the API in one process (Kafka on):
 * what Spinout publishes is read by an independent consumer and checked against the AsyncAPI
 * document; what the procurement system sends becomes commands, once, or dead letters with reasons.
 */
const OUTBOUND = [DEFAULT_TOPICS.procurementRequests, DEFAULT_TOPICS.contracts, DEFAULT_TOPICS.providerPerformance];
const broker = new TestBroker(19100);
const checker = new AsyncApiChecker();
let recorder: TopicRecorder;
let producer: Producer;

beforeAll(async () => {
  const bootstrap = await broker.start();
  const kafka = testKafka(bootstrap);
  recorder = await new TopicRecorder(kafka, [
    ...OUTBOUND,
    DEFAULT_TOPICS.tenderOutcomes,
    DEFAULT_TOPICS.tenderOutcomesDeadLetter,
  ]).start();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await recorder?.stop();
  await broker.stop();
}, 60_000);

let sequence = 0;
const ocid = (dialect: string) => `ocds-spnout-${dialect.slice(0, 2)}-${(sequence += 1)}-${randomUUID().slice(0, 8)}`;
const award = (unitId: string, procurementId: string, providerId: string) => ({
  unitId,
  ocid: procurementId,
  awardId: `award-${procurementId}`,
  providerId,
  value: { amountMinor: 36 * 10_000_000, currency: 'CNY' },
  contractPeriod: { start: '2025-01-01', end: '2027-12-31' },
});

describe.each(DIALECTS)('Kafka integration on %s', (dialect) => {
  let t: KafkaTestApp;
  beforeAll(async () => {
    // One consumer group for both dialects: the second app starts after the first's offsets.
    t = await startKafkaApp(dialect, [broker.bootstrap]);
    await t.messaging.runtime.consumer.ready();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('publishes a procurement request made over HTTP as a CloudEvent on spinout.procurement-requests.v1', async () => {
    const procurementId = ocid(dialect);
    const unitId = await unitInProcurement(t, procurementId);

    const message = await eventually(async () => {
      const found = recorder.on(DEFAULT_TOPICS.procurementRequests).find((m) => m.key === unitId);
      if (!found) throw new Error(`no procurement request for unit ${unitId} yet`);
      return found;
    });
    const history = await t.http.get(`/service-units/${unitId}/history`).set(t.as('audit', 'auditor')).expect(200);
    const requested = history.body.events.find((e: { type: string }) => e.type === 'ProcurementRequested');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: requested.eventId,
      ce_type: CE_TYPES.procurementRequested,
      ce_source: '/spinout',
      ce_subject: unitId,
      ce_time: requested.data.requestedAt,
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value ?? '')).toEqual({
      unitId,
      ocid: procurementId,
      description: 'Canteen services, 3 years',
      category: 'canteen',
      estimatedValue: { amountMinor: 380_000_000, currency: 'CNY' },
      agency: 'Provincial Finance Department',
      requestedAt: requested.data.requestedAt,
    });
    expect(checker.problems(message)).toEqual([]);
  });

  it('completes the tender milestone on publication, records the award and drafts the contract; the same award delivered twice has one effect', async () => {
    const procurementId = ocid(dialect);
    const providerId = await registerProvider(t);
    const unitId = await unitInProcurement(t, procurementId);
    await t.http
      .post(`/service-units/${unitId}/milestones`)
      .set(t.as('li.office', 'reform_office'))
      .send({ milestoneId: 'tender-out', kind: 'tender', title: 'Tender published', dueDate: '2025-03-31' })
      .expect(201);
    const duplicatesBefore = t.messaging.runtime.consumer.stats.duplicates;
    const messageId = randomUUID();
    const sentFrom = new Date().toISOString();
    const body = award(unitId, procurementId, providerId);
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      id: randomUUID(),
      type: CE_TYPES.tenderPublished,
      body: { unitId, ocid: procurementId },
      time: '2025-03-20T08:00:00.000Z',
    });
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      id: messageId,
      type: CE_TYPES.awardDecided,
      body,
      time: '2025-04-15T10:00:00.000Z',
    });
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      id: messageId,
      type: CE_TYPES.awardDecided,
      body,
      time: '2025-04-15T10:00:00.000Z',
    });

    const office = t.as('li.office', 'reform_office');
    await eventually(async () =>
      expect((await t.http.get(`/service-units/${unitId}`).set(office).expect(200)).body.stage).toBe('awarded'),
    );
    const contractId = contractIdForAward(unitId, body.awardId);
    const draft = await eventually(() =>
      t.http.get(`/contracts/${contractId}`).set(t.as('cm', 'contract_manager')).expect(200),
    );
    expect(draft.body).toMatchObject({
      status: 'draft',
      unitId,
      providerId,
      procurementId,
      period: { start: '2025-01-01', end: '2027-12-31' },
    });

    await eventually(async () => expect(t.messaging.runtime.consumer.stats.duplicates).toBe(duplicatesBefore + 1));
    const history = await t.http.get(`/service-units/${unitId}/history`).set(t.as('audit', 'auditor')).expect(200);
    const awards = history.body.events.filter((e: { type: string }) => e.type === 'AwardRecorded');
    expect(awards).toHaveLength(1);
    // Decided when received: the sender's ce_time (2025) is kept only as metadata.
    expect(awards[0]).toMatchObject({ actor: 'system:tender-outcomes', data: { awardId: body.awardId } });
    expect(awards[0].data.recordedAt >= sentFrom).toBe(true);
    const milestone = history.body.events.find((e: { type: string }) => e.type === 'MilestoneCompleted');
    expect(milestone).toMatchObject({ data: { milestoneId: 'tender-out' } });
    expect(milestone.data.completedAt >= sentFrom).toBe(true);
  });

  it('dead-letters malformed, invalid, unknown and refused messages with reasons, and processes the valid one after them', async () => {
    const procurementId = ocid(dialect);
    const debarred = await registerProvider(t);
    await t.http
      .post(`/providers/${debarred}/debar`)
      .set(t.as('zhao.procurement', 'procurement'))
      .send({ reason: 'Bid rigging' })
      .expect(200);
    const unitId = await unitInProcurement(t, procurementId);
    const key = { key: procurementId };
    const bad = {
      notJson: randomUUID(),
      invalid: randomUUID(),
      unknownUnit: randomUUID(),
      debarred: randomUUID(),
      unknownType: randomUUID(),
    };
    // All on one key, so one partition keeps them in this order.
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      ...key,
      id: bad.notJson,
      type: CE_TYPES.awardDecided,
      body: null,
      raw: '{"unitId": "',
    });
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      ...key,
      id: bad.invalid,
      type: CE_TYPES.awardDecided,
      body: { ...award(unitId, procurementId, debarred), value: { amountMinor: -5, currency: 'CNY' } },
    });
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      ...key,
      id: bad.unknownUnit,
      type: CE_TYPES.tenderCancelled,
      body: { unitId: randomUUID(), ocid: procurementId, reason: 'Budget withdrawn' },
    });
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      ...key,
      id: bad.debarred,
      type: CE_TYPES.awardDecided,
      body: award(unitId, procurementId, debarred),
    });
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      ...key,
      id: bad.unknownType,
      type: 'gov.procurement.bid.received.v1',
      body: { unitId, ocid: procurementId },
    });
    await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
      ...key,
      id: randomUUID(),
      type: CE_TYPES.tenderUnsuccessful,
      body: { unitId, ocid: procurementId, reason: 'No compliant bids' },
    });

    const office = t.as('li.office', 'reform_office');
    await eventually(async () =>
      expect((await t.http.get(`/service-units/${unitId}`).set(office).expect(200)).body.stage).toBe('plan_approved'),
    );
    const letters = await eventually(async () => {
      const found = Object.fromEntries(
        Object.entries(bad).map(([name, id]) => [
          name,
          recorder.on(DEFAULT_TOPICS.tenderOutcomesDeadLetter).find((m) => m.headers.ce_id === id),
        ]),
      );
      if (Object.values(found).some((m) => m === undefined)) throw new Error('not every dead letter has arrived');
      return found as Record<keyof typeof bad, NonNullable<(typeof found)[string]>>;
    });
    expect(letters.notJson.headers).toMatchObject({
      dlt_error_code: 'unparseable',
      dlt_reason: expect.stringMatching(/not JSON/),
    });
    expect(letters.notJson.value).toBe('{"unitId": "');
    expect(letters.invalid.headers).toMatchObject({
      dlt_error_code: 'schema_violation',
      dlt_reason: expect.stringMatching(/value\/amountMinor must be >= 0/),
    });
    expect(letters.unknownUnit.headers).toMatchObject({ dlt_error_code: 'unknown_unit' });
    expect(letters.debarred.headers).toMatchObject({
      dlt_error_code: 'provider_not_eligible',
      dlt_reason: expect.stringMatching(/debarred/i),
    });
    expect(letters.unknownType.headers).toMatchObject({ dlt_error_code: 'unknown_type' });
    const original = recorder.on(DEFAULT_TOPICS.tenderOutcomes).find((m) => m.headers.ce_id === bad.debarred);
    expect(letters.debarred.headers).toMatchObject({
      dlt_original_topic: DEFAULT_TOPICS.tenderOutcomes,
      dlt_original_partition: String(original?.partition),
      dlt_original_offset: original?.offset,
      dlt_consumer_group: 'spinout',
    });
    expect(letters.debarred.key).toBe(procurementId);
    for (const letter of Object.values(letters)) expect(checker.deadLetterProblems(letter)).toEqual([]);

    const history = await t.http.get(`/service-units/${unitId}/history`).set(t.as('audit', 'auditor')).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).not.toContain('AwardRecorded');
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'ProcurementCancelled',
      data: { outcome: 'unsuccessful', reason: 'No compliant bids' },
    });
  });

  it('retries a message while the database is down, without dead-lettering it or committing its offset', async () => {
    const procurementId = ocid(dialect);
    const unitId = await unitInProcurement(t, procurementId);
    const topics = {
      ...DEFAULT_TOPICS,
      tenderOutcomes: `${DEFAULT_TOPICS.tenderOutcomes}.flaky-${dialect}`,
      tenderOutcomesDeadLetter: `${DEFAULT_TOPICS.tenderOutcomes}.flaky-${dialect}.dlt`,
    };
    const groupId = `flaky-${dialect}`;
    const outage = new DatabaseOutage(t.app.get<EventStore>(EVENT_STORE));
    const kafka = testKafka(broker.bootstrap, 'flaky');
    // The whole database is down (it does not answer a ping either): tries are not charged to the message.
    const consumer = new TenderOutcomeConsumer({
      kafka,
      store: outage,
      groupId,
      topics,
      retry: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 3 },
      databaseAvailable: async () => !outage.down,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: topics.tenderOutcomes, numPartitions: 1 }], waitForLeaders: true });
      consumer.start();
      await consumer.ready();
      outage.down = true;
      const messageId = randomUUID();
      await sendTenderOutcome(producer, topics.tenderOutcomes, {
        id: messageId,
        type: CE_TYPES.tenderCancelled,
        body: { unitId, ocid: procurementId, reason: 'Budget withdrawn' },
      });

      // More tries than the budget of 3: none of them counted, so nothing is dead-lettered.
      await eventually(async () => expect(consumer.stats.retries).toBeGreaterThanOrEqual(5));
      const committed = async () =>
        (await admin.fetchOffsets({ groupId, topics: [topics.tenderOutcomes] }))[0].partitions[0].offset;
      expect(await committed()).toBe('-1');
      expect(consumer.stats.deadLettered).toBe(0);

      outage.down = false;
      const office = t.as('li.office', 'reform_office');
      await eventually(async () =>
        expect((await t.http.get(`/service-units/${unitId}`).set(office).expect(200)).body.stage).toBe('plan_approved'),
      );
      await eventually(async () => expect(await committed()).toBe('1'));
      expect(consumer.stats).toMatchObject({ applied: 1, deadLettered: 0 });
    } finally {
      await consumer.stop();
      await admin.disconnect();
    }
  });

  it('publishes the contract lifecycle and, on settlement approval, the provider scorecard for the month', async () => {
    const procurementId = ocid(dialect);
    const providerId = await registerProvider(t);
    const unitId = await unitInProcurement(t, procurementId);
    const contracts = t.as('sun.contracts', 'contract_manager');
    const body = award(unitId, procurementId, providerId);
    await t.http
      .post(`/service-units/${unitId}/award`)
      .set(t.as('zhao.procurement', 'procurement'))
      .send({
        procurementId,
        awardId: body.awardId,
        providerId,
        contractValue: body.value,
        contractPeriod: body.contractPeriod,
      })
      .expect(200);
    const contractId = contractIdForAward(unitId, body.awardId);
    await eventually(() => t.http.get(`/contracts/${contractId}`).set(contracts).expect(200));
    await t.http.post(`/contracts/${contractId}/sign`).set(contracts).expect(200);
    await t.http.post(`/contracts/${contractId}/activate`).set(contracts).expect(200);
    await t.http
      .post(`/contracts/${contractId}/measurements`)
      .set(contracts)
      .send({ slaId: 'meal-satisfaction', period: '2025-05', value: 7.5 })
      .expect(201);
    await t.http
      .post(`/contracts/${contractId}/invoices`)
      .set(contracts)
      .send({ invoiceId: 'INV-2025-05', period: '2025-05', grossCharge: { amountMinor: 10_000_000 } })
      .expect(201);
    await t.http
      .post(`/contracts/${contractId}/settlements/2025-05/approve`)
      .set(t.as('qian.finance', 'approver'))
      .expect(200);
    await t.http
      .post(`/contracts/${contractId}/amendments`)
      .set(contracts)
      .send({ amendmentId: 'am-1', rationale: 'Longer term', changes: { periodEnd: '2028-06-30' } })
      .expect(201);
    await t.http
      .post(`/contracts/${contractId}/terminate`)
      .set(contracts)
      .send({ reason: 'convenience', detail: 'Service reorganised', unitRoute: 'insource' })
      .expect(200);

    const lifecycle = await eventually(async () => {
      const types = recorder
        .on(DEFAULT_TOPICS.contracts)
        .filter((m) => m.key === contractId)
        .map((m) => m.headers.ce_type);
      expect(types).toEqual([
        CE_TYPES.contractSigned,
        CE_TYPES.contractActivated,
        CE_TYPES.contractAmended,
        CE_TYPES.contractTerminated,
      ]);
      return recorder.on(DEFAULT_TOPICS.contracts).filter((m) => m.key === contractId);
    });
    const ref = {
      contractId,
      unitId,
      providerId,
      agency: 'Provincial Finance Department',
      ocid: procurementId,
      awardId: body.awardId,
    };
    expect(JSON.parse(lifecycle[1].value ?? '')).toMatchObject({
      ...ref,
      period: { start: '2025-01-01', end: '2027-12-31' },
    });
    expect(JSON.parse(lifecycle[2].value ?? '')).toMatchObject({
      ...ref,
      version: 1,
      changes: { periodEnd: '2028-06-30' },
    });
    expect(JSON.parse(lifecycle[3].value ?? '')).toMatchObject({
      ...ref,
      reason: 'convenience',
      unitRoute: 'insource',
    });

    const scorecard = await eventually(async () => {
      const found = recorder.on(DEFAULT_TOPICS.providerPerformance).find((m) => m.key === providerId);
      if (!found) throw new Error('no scorecard yet');
      return found;
    });
    // 7.5 against a target of ≥ 8 (critical below 6.5): breached, score 50; credit 4 % of the 100,000.00 monthly charge.
    expect(JSON.parse(scorecard.value ?? '')).toMatchObject({
      providerId,
      period: '2025-05',
      revision: 1,
      score: 50,
      rating: 'requires_improvement',
      grade: { scheme: 'cn_performance', code: 'poor' },
      measurements: 1,
      contracts: 1,
      breaches: 1,
      criticalBreaches: 0,
      serviceCredits: [{ amountMinor: 400_000, currency: 'CNY' }],
      contractScores: [{ contractId, score: 50, measurements: 1 }],
    });
    expect(scorecard.headers).toMatchObject({ ce_type: CE_TYPES.providerScorecardPublished, ce_subject: providerId });
  });

  it('reports the relay and the scorecard publisher in /health and /metrics beside the projections, caught up', async () => {
    const health = await eventually(async () => {
      const response = await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200);
      const byName = new Map(response.body.processors.map((p: { name: string }) => [p.name, p]));
      expect(byName.get(KAFKA_RELAY)).toMatchObject({ state: 'active', lag: 0, parked: 0 });
      expect(byName.get(SCORECARD_PUBLISHER)).toMatchObject({ state: 'active', lag: 0, parked: 0 });
      return response.body;
    });
    expect(health.processors.map((p: { name: string }) => p.name)).toContain('projection:audit-trail');
    const metrics = await t.http.get('/metrics').set(t.as('ops', 'operator')).expect(200);
    expect(metrics.text).toContain(`spinout_processor_active{processor="${KAFKA_RELAY}"} 1`);
    expect(metrics.text).toContain(`spinout_processor_parked{processor="${SCORECARD_PUBLISHER}"} 0`);
  });
});

it('published only messages that are valid against docs/asyncapi.yaml', () => {
  const published = recorder.messages.filter((m) => OUTBOUND.includes(m.topic));
  expect(published.length).toBeGreaterThanOrEqual(2 * 6);
  expect(published.flatMap((m) => checker.problems(m).map((p) => `${m.topic}@${m.offset}: ${p}`))).toEqual([]);
  expect(new Set(published.map((m) => m.headers.ce_id)).size).toBe(published.length);
});
